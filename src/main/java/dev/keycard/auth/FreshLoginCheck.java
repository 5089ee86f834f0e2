package dev.keycard.auth;

import dev.keycard.FreshLogin;
import dev.keycard.mfa.SecondFactorPolicy;
import dev.keycard.mfa.SecondFactors;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.token.Amr;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a {@link FreshLogin} operation unless the token's {@code auth_time} (when the user last
 * typed the password; refreshes keep it) is within {@code keycard.token.fresh-login-window}. The
 * challenge is RFC 9470's step-up error with {@code max_age}, so a client knows to ask for the
 * password again rather than to refresh.
 * <p>
 * With {@code keycard.mfa.fresh-login} (the default), a user who has a second factor, or whose
 * roles require one, must have used it for that sign-in too ({@code amr} has {@code mfa}): a stolen
 * password alone changes nothing sensitive. The challenge then names the level in
 * {@code acr_values}.
 */
@Provider
@FreshLogin
@Priority(Priorities.AUTHORIZATION + 100)
@ApplicationScoped
public class FreshLoginCheck implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "keycard.token.fresh-login-window")
    Duration window;

    @Inject
    @ConfigProperty(name = "keycard.mfa.fresh-login")
    boolean secondFactorRequired;

    @Inject
    SecondFactors factors;

    @Inject
    SecondFactorPolicy policy;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken jwt)
                || Instant.ofEpochSecond(seconds(jwt.getClaim("auth_time")))
                        .plus(window)
                        .isBefore(Instant.now())) {
            throw challenge(
                    "This operation needs a login within the last " + window.toMinutes()
                            + " minutes. Sign in again with your password.",
                    "A fresh login is required",
                    "");
        }
        if (secondFactorRequired
                && !methods(jwt.getClaim("amr")).contains(Amr.MULTI_FACTOR)
                && (policy.requires(jwt.getGroups())
                        || !factors.of(jwt.getSubject()).isEmpty())) {
            throw challenge(
                    "This operation needs a sign-in with your second factor within the last " + window.toMinutes()
                            + " minutes. Sign in again with your password and second factor.",
                    "A sign-in with a second factor is required",
                    ", acr_values=\"" + Amr.ACR_MULTI_FACTOR + "\"");
        }
    }

    private ProblemException challenge(String detail, String description, String acrValues) {
        return new ProblemException(
                ProblemType.FRESH_LOGIN_REQUIRED,
                detail,
                HttpHeaders.WWW_AUTHENTICATE,
                "Bearer realm=\"keycard\", error=\"insufficient_user_authentication\", error_description=\""
                        + description + "\"" + acrValues + ", max_age=" + window.toSeconds());
    }

    /** The claim's method names, whether the verifier gave a JSON array or a collection. */
    private static Set<String> methods(Object claim) {
        if (claim instanceof JsonArray array) {
            return array.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .collect(Collectors.toSet());
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return Set.of();
    }

    private static long seconds(Object claim) {
        if (claim instanceof JsonNumber number) {
            return number.longValue();
        }
        return claim instanceof Number number ? number.longValue() : 0;
    }
}
