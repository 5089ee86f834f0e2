package dev.keycard.auth;

import dev.keycard.password.PasswordHashing;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import dev.keycard.user.Username;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks a username and password. Unknown user, wrong password, disabled and locked account all
 * cost the same work (one password verification each), so that the timing does not tell an
 * attacker which usernames exist, which are disabled or which are locked; the reason is for the
 * audit trail only.
 */
@ApplicationScoped
public class Credentials {

    @Inject
    UserRepository users;

    @Inject
    PasswordHashing hashing;

    /** Why a login failed, for the audit trail only: the caller always sees the same answer. */
    public enum Reason {
        SUCCESS,
        UNKNOWN_USER,
        WRONG_PASSWORD,
        DISABLED,
        LOCKED
    }

    /** The outcome; {@code user} is null for an unknown username. */
    public record Outcome(Reason reason, User user) {
        public boolean success() {
            return reason == Reason.SUCCESS;
        }
    }

    /**
     * @param admit asked, before the password is checked, whether this account may try now; it
     *              counts the attempt (see {@link LoginAttempts#admit})
     */
    public Outcome authenticate(String username, String password, Predicate<User> admit) {
        Optional<User> user = Username.parse(username).flatMap(users::find);
        if (user.isEmpty()) {
            hashing.verifyDummy(password);
            return new Outcome(Reason.UNKNOWN_USER, null);
        }
        boolean admitted = admit.test(user.get());
        // Verified in every case, so that a locked or disabled account costs the same time.
        boolean matches = hashing.verify(password, user.get().passwordHash());
        Reason reason = !admitted
                ? Reason.LOCKED
                : !matches ? Reason.WRONG_PASSWORD : !user.get().enabled() ? Reason.DISABLED : Reason.SUCCESS;
        return new Outcome(reason, user.get());
    }
}
