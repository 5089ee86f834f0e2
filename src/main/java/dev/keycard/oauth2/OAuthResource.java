package dev.keycard.oauth2;

import dev.keycard.audit.RequestContext;
import dev.keycard.client.ClientMetadata;
import dev.keycard.client.ServiceClient;
import dev.keycard.oidc.CodeExchange;
import dev.keycard.token.TokenResponse;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * The OAuth 2.0 endpoints: {@code /oauth2/token} (authorization code, refresh token and client
 * credentials),
 * {@code /oauth2/introspect} (RFC 7662) and {@code /oauth2/revoke} (RFC 7009). Their errors are
 * RFC 6749 error objects ({@link OAuthError}), not problem+json. Form bodies are read through the
 * servlet request's parameters, so that client authentication and the request each read the
 * fields they need from one parsed form; the records describe them for the OpenAPI document.
 */
@Path("oauth2")
@RequestScoped
@DenyAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
public class OAuthResource {

    @Inject
    ClientAuthentication authentication;

    @Inject
    Grants grants;

    @Inject
    CodeExchange exchanges;

    @Inject
    RequestContext context;

    @Inject
    Introspection introspection;

    @Inject
    TokenRevocation revocation;

    @Context
    HttpServletRequest http;

    @POST
    @Path("token")
    @PermitAll
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                            schema = @Schema(implementation = TokenRequest.class)))
    public Response token() {
        OAuthError.requireReadableForm(http);
        TokenRequest request = TokenRequest.from(http);
        ServiceClient client = authentication.identify(http);
        CodeExchange.Exchange exchange = switch (request.grantType()) {
            case ClientMetadata.AUTHORIZATION_CODE ->
                exchanges.redeem(
                        client,
                        request.required("code", request.code()),
                        request.required("redirect_uri", request.redirectUri()),
                        request.codeVerifier(),
                        http.getHeader(HttpHeaders.USER_AGENT),
                        context.clientAddress());
            case ClientMetadata.REFRESH_TOKEN ->
                exchanges.refresh(client, request.required("refresh_token", request.refreshToken()));
            default -> null;
        };
        if (exchange == null) {
            // A public client is never registered for client_credentials: Grants refuses it.
            return TokenResponse.of(grants.issue(request.grantType(), client)).build();
        }
        if (exchange instanceof CodeExchange.Refused refused) {
            throw new OAuthError(400, refused.error(), refused.description());
        }
        CodeExchange.Issued issued = (CodeExchange.Issued) exchange;
        return TokenResponse.of(issued.access(), issued.refresh(), issued.idToken(), issued.scope())
                .build();
    }

    /**
     * {@code {"active": true, ...claims}} for a live access token that Keycard signed, not expired
     * and not revoked; {@code {"active": false}} for anything else. Only registered clients may ask.
     */
    @POST
    @Path("introspect")
    @PermitAll
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                            schema = @Schema(implementation = TokenHint.class)))
    public Response introspect() {
        OAuthError.requireReadableForm(http);
        authentication.require(http);
        String answer = introspection.inspect(TokenHint.from(http).token()).toString();
        return Response.ok(answer).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /**
     * A refresh token ends its whole login; an access token is refused from the next request on.
     * 200 whether or not the token was known (RFC 7009 §2.2), so the endpoint tells nothing about
     * tokens.
     */
    @POST
    @Path("revoke")
    @PermitAll
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                            schema = @Schema(implementation = TokenHint.class)))
    public Response revoke() {
        OAuthError.requireReadableForm(http);
        revocation.revoke(TokenHint.from(http).token());
        return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
