package dev.keycard.problem;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents in the OpenAPI document what {@link ProblemMapper} guarantees at run time: every
 * operation's errors are {@code application/problem+json} of one shape (the OAuth endpoints':
 * RFC 6749 error objects). Written once here instead of an annotation per method, so that a new
 * endpoint is documented correctly without effort.
 */
public class ProblemDocumentation implements OASFilter {

    static final String SCHEMA = "Problem";
    static final String OAUTH_SCHEMA = "OAuthError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(
                SCHEMA,
                OASFactory.createSchema()
                        .addType(Schema.SchemaType.OBJECT)
                        .description("RFC 9457 problem details")
                        .required(List.of("type", "title", "status"))
                        .properties(Map.of(
                                "type",
                                        string("A URN naming the kind of error, stable for clients to switch on, e.g. "
                                                + "urn:keycard:problem:invalid-credentials"),
                                "title", string("A fixed summary of that kind of error"),
                                "status",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.INTEGER)
                                                .description("The HTTP status code"),
                                "detail", string("What went wrong this time, safe to show to a person"),
                                "error",
                                        string("The OAuth 2.0 error code (RFC 6749 §5.2), for errors that have one"))));
        components.addSchema(
                OAUTH_SCHEMA,
                OASFactory.createSchema()
                        .addType(Schema.SchemaType.OBJECT)
                        .description("RFC 6749 §5.2 error response")
                        .required(List.of("error"))
                        .properties(Map.of(
                                "error", string("invalid_request, invalid_client, unsupported_grant_type, ..."),
                                "error_description", string("What went wrong, for the developer"))));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            // RFC 6749 fixes the error shape of the OAuth endpoints: not problem+json.
            boolean oauth = path.startsWith("/oauth2/");
            APIResponse error = OASFactory.createAPIResponse()
                    .description(
                            oauth ? "An error, as an RFC 6749 error object" : "An error, as RFC 9457 problem details")
                    .content(OASFactory.createContent()
                            .addMediaType(
                                    oauth ? "application/json" : ProblemType.MEDIA_TYPE,
                                    OASFactory.createMediaType()
                                            .schema(OASFactory.createSchema().ref(oauth ? OAUTH_SCHEMA : SCHEMA))));
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() == null) {
                    operation.setResponses(OASFactory.createAPIResponses());
                }
                if (operation.getResponses().getDefaultValue() == null) {
                    operation.getResponses().setDefaultValue(error);
                }
            }
        });
    }

    /** RFC 6749 fixes the error shape of the token and introspection endpoints: not problem+json. */
    private static boolean isOAuthEndpoint(Operation operation) {
        return operation.getOperationId() != null && operation.getOperationId().startsWith("oauth2");
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
