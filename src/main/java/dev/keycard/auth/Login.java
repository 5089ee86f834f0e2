package dev.keycard.auth;

import dev.keycard.auth.Credentials.Reason;
import dev.keycard.auth.SignInMetrics.LoginOutcome;
import dev.keycard.mfa.SecondFactors;
import dev.keycard.passkey.Assertion;
import dev.keycard.passkey.Passkeys;
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
    Passkeys passkeys;

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

    /**
     * What a sign-in brings besides the password, for a user with a second factor: an app's code or
     * a recovery code ({@code code}), or a passkey's assertion in WebAuthn's JSON ({@code passkey}).
     */
    public record Proof(String code, String passkey) {
        public static final Proof NONE = new Proof(null, null);

        public static Proof code(String code) {
            return new Proof(code, null);
        }

        boolean none() {
            return code == null && passkey == null;
        }

        @Override
        public String toString() {
            return "Proof[" + (none() ? "none" : "***") + "]";
        }
    }

    /** A token pair: Keycard's JSON login and page. */
    public Outcome<TokenPair> attempt(
            String username, String password, Proof code, String userAgent, String clientAddress) {
        return attempt(
                username,
                password,
                code,
                clientAddress,
                (user, matched, amr) -> signIns.signIn(user, matched, amr, userAgent, clientAddress));
    }

    public <S> Outcome<S> attempt(
            String username, String password, Proof code, String clientAddress, Opening<S> opening) {
        return afterThrottle(username, clientAddress, counted -> {
            Credentials.Outcome checked = credentials.authenticate(username, password, attempts::admit);
            if (!checked.success()) {
                return refused(username, checked, clientAddress, counted);
            }
            List<String> factors = secondFactors.of(checked.user().id());
            if (factors.isEmpty()) {
                return open(checked.user(), password, Amr.password(), username, clientAddress, opening, counted);
            }
            if (checked.user().fromDirectory()) {
                attempts.passwordMatched(checked.user());
            }
            if (code.none()) {
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
            return withCode(user, null, Proof.code(code), secondFactors.of(user.id()), clientAddress, opening, counted);
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
            Proof proof,
            List<String> factors,
            String clientAddress,
            Opening<S> opening,
            Counted counted) {
        Optional<Amr> amr = proof.passkey() != null ? passkey(user, proof.passkey()) : code(user, proof.code());
        if (amr.isPresent()) {
            return open(user, password, amr.get(), user.username(), clientAddress, opening, counted);
        }
        counted.as(LoginOutcome.bad_credentials);
        attempts.failed(user.username(), new Credentials.Outcome(Reason.WRONG_SECOND_FACTOR, user), clientAddress);
        return new Outcome.SecondFactorRequired<>(factors, true, user);
    }

    private Optional<Amr> code(User user, String code) {
        return secondFactors.verify(user, code) instanceof SecondFactors.Check.Accepted accepted
                ? Optional.of(accepted.amr())
                : Optional.empty();
    }

    /** A passkey of this user's, as the second factor (its failures are audited by {@link Passkeys}). */
    private Optional<Amr> passkey(User user, String credential) {
        return passkeys.verifyAuthentication(credential, Optional.of(user.id())) instanceof Assertion.Verified verified
                ? Optional.of(Amr.passwordAndPasskey(verified.deviceBound()))
                : Optional.empty();
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
