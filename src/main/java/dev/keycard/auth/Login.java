package dev.keycard.auth;

import dev.keycard.audit.AuditLog;
import dev.keycard.auth.Credentials.Reason;
import dev.keycard.auth.SignInMetrics.LoginOutcome;
import dev.keycard.token.TokenPair;
import dev.keycard.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signing in with a username and password: the one use case behind every way in (the JSON API
 * and the page; sign-in pages to come). In order: the client address's failure count, the
 * credentials at equal cost for every kind of failure, the account's lock, and on success a new
 * session; each outcome is audited and counted. No transaction spans the password hash: the
 * account's row is locked only to admit the attempt and to record its result, never for the 30 ms
 * of hashing.
 */
@ApplicationScoped
public class Login {

    @Inject
    AddressThrottle throttle;

    @Inject
    Credentials credentials;

    @Inject
    LoginAttempts attempts;

    @Inject
    SignIns signIns;

    @Inject
    AuditLog audit;

    @Inject
    SignInMetrics metrics;

    /**
     * What an attempt led to. A caller tells the three apart; nothing tells why a refusal happened.
     * {@code S} is what a success opens: a token pair, or an SSO session.
     */
    public sealed interface Outcome<S> {
        /** A new session. */
        record SignedIn<S>(S session) implements Outcome<S> {}

        /** Unknown user, wrong password, disabled or locked account: one answer for them all. */
        record Refused<S>() implements Outcome<S> {}

        /** Too many failures from the client's address; no password was checked. */
        record Throttled<S>(long retryAfterSeconds) implements Outcome<S> {}
    }

    /**
     * Opens a session for a user whose password matched: in one transaction with clearing the
     * account's failure count ({@link LoginAttempts#succeeded}), or empty if a parallel attempt
     * locked the account meanwhile.
     */
    @FunctionalInterface
    public interface Opening<S> {
        Optional<S> open(User user, String password);
    }

    /** A token pair: Keycard's JSON login and page. */
    public Outcome<TokenPair> attempt(String username, String password, String userAgent, String clientAddress) {
        return attempt(
                username,
                password,
                clientAddress,
                (user, matched) -> signIns.signIn(user, matched, userAgent, clientAddress));
    }

    public <S> Outcome<S> attempt(String username, String password, String clientAddress, Opening<S> opening) {
        long started = System.nanoTime();
        // "unavailable" unless an answer is reached: the database is down, or hashing is saturated.
        LoginOutcome counted = LoginOutcome.unavailable;
        try {
            OptionalLong retryAfter = throttle.retryAfter(clientAddress);
            if (retryAfter.isPresent()) {
                counted = LoginOutcome.throttled;
                attempts.throttled(username);
                return new Outcome.Throttled<>(retryAfter.getAsLong());
            }
            Credentials.Outcome checked = credentials.authenticate(username, password, attempts::admit);
            if (checked.success()) {
                Optional<S> session = opening.open(checked.user(), password);
                if (session.isPresent()) {
                    counted = LoginOutcome.success;
                    return new Outcome.SignedIn<>(session.get());
                }
                // A parallel attempt locked the account while this password was being checked.
                checked = new Credentials.Outcome(Reason.LOCKED, checked.user());
            }
            counted = checked.reason() == Reason.LOCKED ? LoginOutcome.locked : LoginOutcome.bad_credentials;
            attempts.failed(username, checked, clientAddress);
            return new Outcome.Refused<>();
        } finally {
            metrics.login(counted, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
