package dev.keycard.client;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.revocation.RevocationList;
import dev.keycard.token.TokenIssuer;
import dev.keycard.token.TokenIssuer.IssuedToken;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.keycard.JsonFormat;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.Map;

/**
 * {@code /oauth2/token} (client credentials, RFC 6749 §4.4) and {@code /oauth2/introspect}
 * (RFC 7662). Form bodies are read through the servlet request: Liberty's token check may already
 * have parsed them.
 */
@Path("oauth2")
@RequestScoped
@DenyAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
public class OAuthEndpoints {

    @Inject
    ClientAuthentication authentication;

    @Inject
    TokenIssuer issuer;

    @Inject
    RevocationList revocations;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest http;

    @POST
    @Path("token")
    @PermitAll
    @RequestBody(required = true, content = @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"grant_type"}, properties = {
                    @SchemaProperty(name = "grant_type", type = SchemaType.STRING, description = "client_credentials"),
                    @SchemaProperty(name = "client_id", type = SchemaType.STRING, description = "unless sent by HTTP Basic"),
                    @SchemaProperty(name = "client_secret", type = SchemaType.STRING, description = "unless sent by HTTP Basic")})))
    public Response token() {
        String grant = http.getParameter("grant_type");
        if (grant == null || grant.isBlank()) {
            throw OAuthError.invalidRequest("grant_type is required.");
        }
        ServiceClient client = authentication.require(http);
        if (!"client_credentials".equals(grant)) {
            throw new OAuthError(400, "unsupported_grant_type",
                    "The token endpoint supports grant_type=client_credentials only.");
        }
        IssuedToken token = issuer.issueForClient(client.clientId(), client.roles());
        audit.record(AuditType.CLIENT_TOKEN, null, client.clientId(), null);
        return Response.ok(JsonFormat.object()
                        .add("access_token", token.value())
                        .add("token_type", "Bearer")
                        .add("expires_in", token.expiresIn())
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    /**
     * {@code {"active": true, ...claims}} for a live access token that Keycard signed, not expired
     * and not revoked; {@code {"active": false}} for anything else. Only registered clients may ask.
     */
    @POST
    @Path("introspect")
    @PermitAll
    @RequestBody(required = true, content = @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"token"}, properties = {
                    @SchemaProperty(name = "token", type = SchemaType.STRING),
                    @SchemaProperty(name = "token_type_hint", type = SchemaType.STRING)})))
    public Response introspect() {
        authentication.require(http);
        String token = http.getParameter("token");
        if (token == null || token.isBlank()) {
            throw OAuthError.invalidRequest("token is required.");
        }
        JsonObjectBuilder answer = JsonFormat.object();
        issuer.verify(token).filter(this::notRevoked).ifPresentOrElse(verified -> {
            answer.add("active", true).add("token_type", "Bearer");
            verified.claims().forEach((name, value) -> add(answer, name, value));
            Object upn = verified.claims().get("upn");
            if (upn != null) {
                answer.add("username", upn.toString());
            }
        }, () -> answer.add("active", false));
        return Response.ok(answer.build().toString()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private boolean notRevoked(TokenIssuer.Verified verified) {
        Map<String, Object> claims = verified.claims();
        Object iat = claims.get("iat");
        return !revocations.isRevoked(verified.jti(), (String) claims.get("sid"), (String) claims.get("sub"),
                iat instanceof Number number ? number.longValue() : 0);
    }

    private static void add(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof Number number) {
            json.add(name, number.longValue());
        } else if (value instanceof Collection<?> values) {
            var array = JsonFormat.array();
            values.forEach(v -> array.add(String.valueOf(v)));
            json.add(name, array);
        } else if (value != null) {
            json.add(name, value.toString());
        }
    }
}
