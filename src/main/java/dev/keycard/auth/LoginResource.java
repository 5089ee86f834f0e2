package dev.keycard.auth;

import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.keycard.metrics.SecurityMetrics;
import dev.keycard.metrics.SecurityMetrics.LoginOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import jakarta.ws.rs.WebApplicationException;
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

    private static final String INVALID_GRANT_DETAIL =
            "The refresh token is invalid, expired, revoked or already used. Sign in again.";

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
    SecurityMetrics metrics;

    @Inject
    RefreshCookie cookie;

    @Inject
    RequestContext context;

    @Context
    HttpServletRequest http;

    @Context
    SecurityContext security;

    @POST
    @Path("login")
    @PermitAll
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LoginRequest.class)))
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    public Response login(JsonValue body) {
        long started = System.nanoTime();
        LoginOutcome result = LoginOutcome.invalid_request;
        try {
            LoginRequest request = LoginRequest.from(body);
            result = LoginOutcome.unavailable;
            String address = context.clientAddress();
            OptionalLong retryAfter = throttle.retryAfter(address);
            if (retryAfter.isPresent()) {
                result = LoginOutcome.throttled;
                audit.record(AuditType.LOGIN_THROTTLED,
                        Username.parse(request.username()).map(Username::value).orElse(null), null, null);
                throw new ProblemException(ProblemType.TOO_MANY_REQUESTS,
                        "Too many failed logins from your address. Try again later.",
                        HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
            }
            Credentials.Outcome outcome = credentials.authenticate(request.username(), request.password(), attempts::admit);
            Optional<SignIns.Tokens> signedIn = Optional.empty();
            if (outcome.success()) {
                signedIn = signIns.signIn(outcome.user(), request.password(), http.getHeader(HttpHeaders.USER_AGENT), address);
                if (signedIn.isEmpty()) {
                    // A parallel attempt locked the account while this password was being checked.
                    outcome = new Credentials.Outcome(Credentials.Reason.LOCKED, outcome.user());
                }
            }
            if (signedIn.isEmpty()) {
                result = outcome.reason() == Credentials.Reason.LOCKED ? LoginOutcome.locked : LoginOutcome.bad_credentials;
                attempts.failed(request.username(), outcome, address);
                // One answer for unknown user, wrong password, disabled and locked account.
                throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The username or password is incorrect.",
                        HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keycard\"");
            }
            Response tokens = request.cookie() ? browserTokens(signedIn.get()) : tokens(signedIn.get());
            result = LoginOutcome.success;
            return tokens;
        } finally {
            // "unavailable": the request failed before an answer about the credentials (database down, hashing saturated).
            metrics.login(result, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @POST
    @Path("refresh")
    @PermitAll
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RefreshRequest.class)))
    @APIResponse(responseCode = "200", description = "A new access token and a new refresh token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    public Response refresh(JsonValue body) {
        Optional<RefreshRequest> request = RefreshRequest.from(body);
        if (request.isPresent()) {
            return tokens(signIns.refresh(request.get().refreshToken()).orElseThrow(LoginResource::invalidGrant));
        }
        String token = cookie.presented(http).orElseThrow(() -> ProblemException.badRequest(
                "refresh_token is required (from a browser: the refresh cookie, with the X-CSRF-Token header)."));
        Optional<SignIns.Tokens> tokens = signIns.refresh(token);
        if (tokens.isEmpty()) {
            // The cookie is of no further use: the browser drops it with the answer.
            throw new WebApplicationException(clearCookies(ProblemException.response(ProblemType.INVALID_GRANT,
                    INVALID_GRANT_DETAIL)).build());
        }
        return browserTokens(tokens.get());
    }

    private static ProblemException invalidGrant() {
        return new ProblemException(ProblemType.INVALID_GRANT, INVALID_GRANT_DETAIL);
    }

    @POST
    @Path("logout")
    @PermitAll
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "204", description = "Signed out")
    @Consumes(MediaType.WILDCARD)
    public Response logout() {
        if (security.getUserPrincipal() instanceof JsonWebToken caller) {
            signIns.signOut(caller.getName(), caller.getSubject(), caller.getClaim("sid"), caller.getTokenID(),
                    caller.getExpirationTime());
        } else {
            // A browser without its access token (a reloaded page): the refresh cookie names the login.
            signIns.signOutWith(cookie.presented(http).orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED,
                    "Send the access token of the session to end, or the refresh cookie with X-CSRF-Token.",
                    HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keycard\"")));
        }
        return withoutCookies(Response.noContent()).build();
    }

    @POST
    @Path("logout-all")
    @PermitAll
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "204", description = "Signed out")
    @Consumes(MediaType.WILDCARD)
    public Response logoutAll() {
        JsonWebToken caller = caller();
        signIns.signOutEverywhere(caller.getName(), caller.getSubject());
        return withoutCookies(Response.noContent()).build();
    }

    private JsonWebToken caller() {
        if (security.getUserPrincipal() instanceof JsonWebToken jwt) {
            return jwt;
        }
        throw new ProblemException(ProblemType.UNAUTHORIZED, "Send the access token of the session to end.",
                HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keycard\"");
    }

    /** The access token in the body, the refresh token in the browser's cookie. */
    private Response browserTokens(SignIns.Tokens tokens) {
        Response.ResponseBuilder response = Response.ok(TokenResponse.withoutRefreshToken(tokens))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache");
        for (String setCookie : cookie.issue(tokens.refresh().refreshToken(), tokens.refresh().refreshExpiresIn())) {
            response.header(HttpHeaders.SET_COOKIE, setCookie);
        }
        return response.build();
    }

    /** Removes the browser's cookies when the request carried them; other clients get no Set-Cookie. */
    private Response.ResponseBuilder withoutCookies(Response.ResponseBuilder response) {
        return http.getHeader(HttpHeaders.COOKIE) != null && http.getHeader(HttpHeaders.COOKIE).contains(RefreshCookie.NAME)
                ? clearCookies(response) : response;
    }

    private Response.ResponseBuilder clearCookies(Response.ResponseBuilder response) {
        for (String setCookie : cookie.clear()) {
            response.header(HttpHeaders.SET_COOKIE, setCookie);
        }
        return response;
    }

    /** Tokens must never be cached by a browser or a proxy (RFC 6749 §5.1). */
    private static Response tokens(SignIns.Tokens tokens) {
        return Response.ok(TokenResponse.of(tokens))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
