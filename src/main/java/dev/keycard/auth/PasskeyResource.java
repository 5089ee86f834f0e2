package dev.keycard.auth;

import dev.keycard.audit.RequestContext;
import dev.keycard.passkey.RequestOptions;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/auth/passkey}: signing in with a passkey instead of a username and password. */
@Path("api/auth/passkey")
@RequestScoped
@DenyAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PasskeyResource {

    @Inject
    PasskeySignIn passkeySignIn;

    @Inject
    SignInAnswer answer;

    @Inject
    RequestContext context;

    @Context
    HttpServletRequest http;

    /** Options for {@code navigator.credentials.get()}; their challenge is good for one response. */
    @POST
    @Path("options")
    @PermitAll
    public RequestOptions options() {
        return passkeySignIn.options();
    }

    @POST
    @PermitAll
    @APIResponse(
            responseCode = "200",
            description = "Signed in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    public Response signIn(PasskeyRequest request) {
        Login.Outcome<TokenPair> outcome = passkeySignIn.attempt(
                request.credential().toString(), http.getHeader(HttpHeaders.USER_AGENT), context.clientAddress());
        // One answer for a passkey refused for any reason and a disabled or locked account.
        return answer.of(
                outcome,
                request.wantsCookie(),
                ProblemType.PASSKEY_REFUSED,
                "The passkey was not accepted. Sign in with your password, or try another passkey.");
    }
}
