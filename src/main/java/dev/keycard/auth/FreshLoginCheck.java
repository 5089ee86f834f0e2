package dev.keycard.auth;

import dev.keycard.FreshLogin;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a {@link FreshLogin} operation unless the token's {@code auth_time} (when the user last
 * typed the password; refreshes keep it) is within {@code keycard.token.fresh-login-window}. The
 * challenge is RFC 9470's step-up error with {@code max_age}, so a client knows to ask for the
 * password again rather than to refresh.
 */
@Provider
@FreshLogin
@Priority(Priorities.AUTHORIZATION + 100)
@ApplicationScoped
public class FreshLoginCheck implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "keycard.token.fresh-login-window")
    Duration window;

    @Override
    public void filter(ContainerRequestContext request) {
        long authTime = request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken jwt
                ? seconds(jwt.getClaim("auth_time"))
                : 0;
        if (Instant.ofEpochSecond(authTime).plus(window).isBefore(Instant.now())) {
            throw new ProblemException(
                    ProblemType.FRESH_LOGIN_REQUIRED,
                    "This operation needs a login within the last " + window.toMinutes()
                            + " minutes. Sign in again with your password.",
                    HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"keycard\", error=\"insufficient_user_authentication\", "
                            + "error_description=\"A fresh login is required\", max_age=" + window.toSeconds());
        }
    }

    private static long seconds(Object claim) {
        if (claim instanceof JsonNumber number) {
            return number.longValue();
        }
        return claim instanceof Number number ? number.longValue() : 0;
    }
}
