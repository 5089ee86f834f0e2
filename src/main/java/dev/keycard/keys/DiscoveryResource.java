package dev.keycard.keys;

import dev.keycard.JsonFormat;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authorization-server metadata (RFC 8414), also served where OpenID Connect discovery looks for
 * it: a downstream service needs only Keycard's issuer URL to find its keys and endpoints. Every
 * URL is built from the configured issuer, never from the request's Host header.
 */
@Path(".well-known")
@RequestScoped
@DenyAll
public class DiscoveryResource {

    @Inject
    @ConfigProperty(name = "keycard.issuer")
    String issuer;

    @Inject
    SigningKeys keys;

    @GET
    @Path("openid-configuration")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response openidConfiguration() {
        return metadata();
    }

    @GET
    @Path("oauth-authorization-server")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorizationServer() {
        return metadata();
    }

    private Response metadata() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        String algorithm = keys.active().algorithm().name();
        JsonObject metadata = JsonFormat.object()
                .add("issuer", issuer)
                .add("jwks_uri", base + "/.well-known/jwks.json")
                .add("token_endpoint", base + "/oauth2/token")
                .add("revocation_endpoint", base + "/oauth2/revoke")
                .add("introspection_endpoint", base + "/oauth2/introspect")
                .add("grant_types_supported", JsonFormat.array().add("client_credentials"))
                .add("response_types_supported", JsonFormat.array().add("token"))
                .add("subject_types_supported", JsonFormat.array().add("public"))
                .add(
                        "token_endpoint_auth_methods_supported",
                        JsonFormat.array().add("client_secret_basic").add("client_secret_post"))
                .add(
                        "revocation_endpoint_auth_methods_supported",
                        JsonFormat.array().add("none"))
                .add(
                        "introspection_endpoint_auth_methods_supported",
                        JsonFormat.array().add("client_secret_basic").add("client_secret_post"))
                .add("id_token_signing_alg_values_supported", JsonFormat.array().add(algorithm))
                .add(
                        "access_token_signing_alg_values_supported",
                        JsonFormat.array().add(algorithm))
                .add(
                        "claims_supported",
                        JsonFormat.array()
                                .add("iss")
                                .add("sub")
                                .add("aud")
                                .add("exp")
                                .add("iat")
                                .add("jti")
                                .add("upn")
                                .add("groups")
                                .add("sid")
                                .add("auth_time")
                                .add("client_id"))
                .build();
        return Response.ok(metadata.toString())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + JwksResource.MAX_AGE_SECONDS)
                .build();
    }
}
