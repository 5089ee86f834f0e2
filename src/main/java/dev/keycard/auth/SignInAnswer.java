package dev.keycard.auth;

import dev.keycard.JsonFormat;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.token.TokenPair;
import dev.keycard.token.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The answer to a sign-in, whichever way in it took (password, passkey): the tokens, with the
 * refresh token in a cookie when a browser asks; 429 when throttled; 401 second-factor-required
 * naming the factors; otherwise the way in's one refusal, the same for every reason.
 */
@ApplicationScoped
public class SignInAnswer {

    private static final String CHALLENGE = "Bearer realm=\"keycard\"";

    @Inject
    RefreshCookie cookie;

    Response of(Login.Outcome<TokenPair> outcome, boolean wantsCookie, ProblemType refused, String refusal) {
        if (outcome instanceof Login.Outcome.SignedIn<TokenPair> signedIn) {
            return (wantsCookie ? cookie.deliver(signedIn.session()) : TokenResponse.of(signedIn.session())).build();
        }
        if (outcome instanceof Login.Outcome.Throttled<TokenPair> throttled) {
            throw new ProblemException(
                    ProblemType.TOO_MANY_REQUESTS,
                    "Too many failed sign-ins from your address. Try again later.",
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(throttled.retryAfterSeconds()));
        }
        if (outcome instanceof Login.Outcome.SecondFactorRequired<TokenPair> second) {
            throw ProblemException.withMembers(
                    ProblemType.SECOND_FACTOR_REQUIRED,
                    second.refused()
                            ? "The code is incorrect or already used."
                            : "Sign in again with a second factor: a code from your authenticator app, a recovery"
                                    + " code, or a passkey.",
                    JsonFormat.object()
                            .add("factors", JsonFormat.array(second.factors()))
                            .build(),
                    HttpHeaders.WWW_AUTHENTICATE,
                    CHALLENGE);
        }
        throw new ProblemException(refused, refusal, HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    }
}
