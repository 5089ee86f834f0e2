package dev.keycard.auth;

import dev.keycard.audit.RequestContext;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.token.TokenPair;
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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/auth/login} and {@code /api/auth/refresh}: signing in, and staying signed in. */
@Path("api/auth")
@RequestScoped
@DenyAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    private static final String INVALID_GRANT =
            "The refresh token is invalid, expired, revoked or already used. Sign in again.";

    @Inject
    Login login;

    @Inject
    SignIns signIns;

    @Inject
    RefreshCookie cookie;

    @Inject
    SignInAnswer answer;

    @Inject
    RequestContext context;

    @Context
    HttpServletRequest http;

    @POST
    @Path("login")
    @PermitAll
    @APIResponse(
            responseCode = "200",
            description = "Signed in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    public Response login(LoginRequest request) {
        Login.Outcome<TokenPair> outcome = login.attempt(
                request.username(),
                request.password(),
                request.proof(),
                http.getHeader(HttpHeaders.USER_AGENT),
                context.clientAddress());
        // One answer for unknown user, wrong password, disabled and locked account.
        return answer.of(
                outcome,
                request.wantsCookie(),
                ProblemType.INVALID_CREDENTIALS,
                "The username or password is incorrect.");
    }

    @POST
    @Path("refresh")
    @PermitAll
    @APIResponse(
            responseCode = "200",
            description = "A new access token and a new refresh token",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    public Response refresh(RefreshRequest request) {
        if (request.refreshToken() != null) {
            return TokenResponse.of(signIns.refresh(request.refreshToken())
                            .orElseThrow(() -> new ProblemException(ProblemType.INVALID_GRANT, INVALID_GRANT)))
                    .build();
        }
        String token = cookie.presented(http)
                .orElseThrow(
                        () -> ProblemException.badRequest(
                                "refresh_token is required (from a browser: the refresh cookie, with the X-CSRF-Token header)."));
        TokenPair tokens = signIns.refresh(token)
                .orElseThrow(() -> new WebApplicationException(
                        // The cookie is of no further use: the browser drops it with the answer.
                        cookie.clear(ProblemException.response(ProblemType.INVALID_GRANT, INVALID_GRANT))
                                .build()));
        return cookie.deliver(tokens).build();
    }
}
