package dev.keycard.auth;

import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.audit.RequestContext;
import dev.keycard.throttle.AddressThrottle;
import dev.keycard.user.Username;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code /api/auth}: sign in, refresh, sign out. */
@Path("api/auth")
@RequestScoped
@DenyAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    @Inject
    Credentials credentials;

    @Inject
    SignIns signIns;

    @Inject
    LoginAttempts attempts;

    @Inject
    AddressThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    RequestContext context;

    @Context
    HttpServletRequest http;

    @Context
    SecurityContext security;

    @POST
    @Path("login")
    @PermitAll
    public Response login(JsonValue body) {
        LoginRequest request = LoginRequest.from(body);
        String address = context.clientAddress();
        throttle.retryAfter(address).ifPresent(seconds -> {
            audit.record(AuditType.LOGIN_THROTTLED,
                    Username.parse(request.username()).map(Username::value).orElse(null), null, null);
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS,
                    "Too many failed logins from your address. Try again later.",
                    HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        });
        Credentials.Outcome outcome = credentials.authenticate(request.username(), request.password(), attempts::admit);
        if (!outcome.success() || !attempts.succeeded(outcome.user(), request.password())) {
            attempts.failed(request.username(), outcome, address);
            // One answer for unknown user, wrong password, disabled and locked account.
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The username or password is incorrect.",
                    HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keycard\"");
        }
        return tokens(signIns.signIn(outcome.user(), http.getHeader(HttpHeaders.USER_AGENT), address));
    }

    @POST
    @Path("refresh")
    @PermitAll
    public Response refresh(JsonValue body) {
        RefreshRequest request = RefreshRequest.from(body);
        return tokens(signIns.refresh(request.refreshToken()).orElseThrow(() -> new ProblemException(
                ProblemType.INVALID_GRANT, "The refresh token is invalid, expired, revoked or already used. Sign in again.")));
    }

    @POST
    @Path("logout")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    public Response logout() {
        JsonWebToken caller = caller();
        signIns.signOut(caller.getName(), caller.getSubject(), caller.getClaim("sid"), caller.getTokenID(),
                caller.getExpirationTime());
        return Response.noContent().build();
    }

    @POST
    @Path("logout-all")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    public Response logoutAll() {
        JsonWebToken caller = caller();
        signIns.signOutEverywhere(caller.getName(), caller.getSubject());
        return Response.noContent().build();
    }

    private JsonWebToken caller() {
        if (security.getUserPrincipal() instanceof JsonWebToken jwt) {
            return jwt;
        }
        throw new ProblemException(ProblemType.UNAUTHORIZED, "Send the access token of the session to end.",
                HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keycard\"");
    }

    /** Tokens must never be cached by a browser or a proxy (RFC 6749 §5.1). */
    private static Response tokens(SignIns.Tokens tokens) {
        return Response.ok(TokenResponse.of(tokens))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
