package dev.keycard.auth;

import dev.keycard.auth.Credentials.Reason;
import dev.keycard.auth.SignInMetrics.LoginOutcome;
import dev.keycard.mfa.SecondFactors;
import dev.keycard.token.Amr;
import dev.keycard.token.TokenPair;
import dev.keycard.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Signing in with a username and password: the one use case behind every way in (the JSON API
 * and the page; sign-in pages to come). In order: the client address's failure count, the
 * credentials at equal cost for every kind of failure, the account's lock, and on success a new
 * session; each outcome is audited and counted. No transaction spans the password hash: the
 * account's row is locked only to admit the attempt and to record its result, never for the 30 ms
 * of hashing.
 * <p>
 * A user with a second factor gives it with the password ({@code code}: an authenticator app's code
 * or a recovery code). Without it the answer says which factors would do; that answer comes only
 * after the password matched an admitted, enabled account, and is not counted as a failure. A wrong
 * code is: it counts toward the account's lock and the address's throttle like a wrong password.
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
    SecondFactors secondFactors;

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

        /**
         * The password matched; a second factor is needed ({@code factors} names those the user
         * has). {@code refused}: one was given, and it was wrong or already used. {@code user} is
         * for a page's second step, never for an answer.
         */
        record SecondFactorRequired<S>(List<String> factors, boolean refused, User user) implements Outcome<S> {}
    }

    /**
     * Opens a session for a user whose password matched: in one transaction with clearing the
     * account's failure count ({@link LoginAttempts#succeeded}), or empty if a parallel attempt
     * locked the account meanwhile. {@code amr} says how the user signed in.
     */
    @FunctionalInterface
    public interface Opening<S> {
        Optional<S> open(User user, String password, Amr amr);
    }

    /** A token pair: Keycard's JSON login and page. */
    public Outcome<TokenPair> attempt(
            String username, String password, String code, String userAgent, String clientAddress) {
        return attempt(
                username,
                password,
                code,
                clientAddress,
                (user, matched, amr) -> signIns.signIn(user, matched, amr, userAgent, clientAddress));
    }

    public <S> Outcome<S> attempt(
            String username, String password, String code, String clientAddress, Opening<S> opening) {
        return afterThrottle(username, clientAddress, counted -> {
            Credentials.Outcome checked = credentials.authenticate(username, password, attempts::admit);
            if (!checked.success()) {
                return refused(username, checked, clientAddress, counted);
            }
            List<String> factors = secondFactors.of(checked.user().id());
            if (factors.isEmpty()) {
                return open(checked.user(), password, Amr.password(), username, clientAddress, opening, counted);
            }
            if (code == null) {
                // Not a failure: the password was right. The attempt admitted for it is given back.
                attempts.notChecked(checked.user());
                counted.as(LoginOutcome.second_factor_required);
                return new Outcome.SecondFactorRequired<>(factors, false, checked.user());
            }
            return withCode(checked.user(), password, code, factors, clientAddress, opening, counted);
        });
    }

    /**
     * The second step of a sign-in whose password matched in an earlier request (the hosted page
     * carries a ticket for it, never the password): the code alone, under the same throttle, lock
     * and counting as {@link #attempt}.
     */
    public <S> Outcome<S> secondStep(User user, String code, String clientAddress, Opening<S> opening) {
        return afterThrottle(user.username(), clientAddress, counted -> {
            if (!attempts.admit(user)) {
                return refused(user.username(), new Credentials.Outcome(Reason.LOCKED, user), clientAddress, counted);
            }
            if (!user.enabled()) {
                return refused(user.username(), new Credentials.Outcome(Reason.DISABLED, user), clientAddress, counted);
            }
            return withCode(user, null, code, secondFactors.of(user.id()), clientAddress, opening, counted);
        });
    }

    /**
     * The address throttle first (no password is checked for a throttled address), then
     * {@code checked}; timed and counted in the metrics either way.
     */
    private <S> Outcome<S> afterThrottle(String username, String clientAddress, Function<Counted, Outcome<S>> checked) {
        long started = System.nanoTime();
        Counted counted = new Counted();
        try {
            OptionalLong retryAfter = throttle.retryAfter(clientAddress);
            if (retryAfter.isPresent()) {
                counted.as(LoginOutcome.throttled);
                attempts.throttled(username);
                return new Outcome.Throttled<>(retryAfter.getAsLong());
            }
            return checked.apply(counted);
        } finally {
            metrics.login(counted.outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private <S> Outcome<S> withCode(
            User user,
            String password,
            String code,
            List<String> factors,
            String clientAddress,
            Opening<S> opening,
            Counted counted) {
        SecondFactors.Check second = secondFactors.verify(user, code);
        if (second instanceof SecondFactors.Check.Accepted accepted) {
            return open(user, password, accepted.amr(), user.username(), clientAddress, opening, counted);
        }
        counted.as(LoginOutcome.bad_credentials);
        attempts.failed(user.username(), new Credentials.Outcome(Reason.WRONG_SECOND_FACTOR, user), clientAddress);
        return new Outcome.SecondFactorRequired<>(factors, true, user);
    }

    private <S> Outcome<S> open(
            User user,
            String password,
            Amr amr,
            String username,
            String clientAddress,
            Opening<S> opening,
            Counted counted) {
        Optional<S> session = opening.open(user, password, amr);
        if (session.isPresent()) {
            counted.as(LoginOutcome.success);
            return new Outcome.SignedIn<>(session.get());
        }
        // A parallel attempt locked the account while this password was being checked.
        return refused(username, new Credentials.Outcome(Reason.LOCKED, user), clientAddress, counted);
    }

    private <S> Outcome<S> refused(
            String username, Credentials.Outcome checked, String clientAddress, Counted counted) {
        counted.as(checked.reason() == Reason.LOCKED ? LoginOutcome.locked : LoginOutcome.bad_credentials);
        attempts.failed(username, checked, clientAddress);
        return new Outcome.Refused<>();
    }

    /** How an attempt is counted in the metrics: "unavailable" unless an answer is reached. */
    private static final class Counted {
        LoginOutcome outcome = LoginOutcome.unavailable;

        void as(LoginOutcome reached) {
            outcome = reached;
        }
    }
}
