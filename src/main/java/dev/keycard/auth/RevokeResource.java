package dev.keycard.auth;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import dev.keycard.problem.ProblemException;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * RFC 7009 token revocation for clients that speak OAuth: {@code token=...} with an optional
 * {@code token_type_hint} of {@code access_token} or {@code refresh_token}. A refresh token ends its
 * whole login; an access token is refused from the next request on. The answer is 200 whether or
 * not the token was known (RFC 7009 §2.2), so the endpoint tells nothing about tokens.
 */
@Path("oauth2/revoke")
@RequestScoped
@DenyAll
public class RevokeResource {

    @Inject
    SignIns signIns;

    @Context
    HttpServletRequest http;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequestBody(required = true, content = @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"token"}, properties = {
                    @SchemaProperty(name = "token", type = SchemaType.STRING),
                    @SchemaProperty(name = "token_type_hint", type = SchemaType.STRING, description = "access_token or refresh_token")})))
    public Response revoke() {
        // Read through the servlet: Liberty's token check has already parsed this form body.
        String token = http.getParameter("token");
        if (token == null || token.isBlank()) {
            throw ProblemException.badRequest("The token parameter is required.");
        }
        signIns.revoke(token);
        return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
