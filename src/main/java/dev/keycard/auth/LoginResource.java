package dev.keycard.auth;

import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.token.TokenIssuer;
import dev.keycard.token.TokenIssuer.IssuedToken;
import dev.keycard.user.User;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/auth/login}: username and password in, a signed access token out. */
@Path("api/auth")
@RequestScoped
@DenyAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    @Inject
    Credentials credentials;

    @Inject
    TokenIssuer issuer;

    @POST
    @Path("login")
    @PermitAll
    public Response login(JsonValue body) {
        LoginRequest request = LoginRequest.from(body);
        User user = credentials.authenticate(request.username(), request.password())
                .orElseThrow(() -> new ProblemException(ProblemType.INVALID_CREDENTIALS,
                        "The username or password is incorrect.",
                        HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keycard\""));
        IssuedToken token = issuer.issue(user.id(), user.username(), user.roles());
        // Tokens must never be cached by a browser or a proxy (RFC 6749 §5.1).
        return Response.ok(new TokenResponse(token.value(), "Bearer", token.expiresIn()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
