package dev.keycard.auth;

import dev.keycard.directory.Directory;
import dev.keycard.directory.DirectoryEntry;
import dev.keycard.directory.DirectoryUnavailable;
import dev.keycard.password.PasswordHashing;
import dev.keycard.user.DirectoryAccounts;
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
 * <p>
 * A name belongs to one store: a local account's name is checked here against its hash, and the
 * directory is never asked about it; any other name is looked up in the directory, if there is one,
 * and its password checked by binding as the person found. A directory person costs the same
 * password verification too (a dummy one), and is bound as only once admitted, so that an account
 * locked here sends no more guesses to the directory.
 */
@ApplicationScoped
public class Credentials {

    @Inject
    UserRepository users;

    @Inject
    PasswordHashing hashing;

    @Inject
    Directory directory;

    @Inject
    DirectoryAccounts directoryAccounts;

    @Inject
    LoginAttempts attempts;

    /** Why a login failed, for the audit trail only: the caller always sees the same answer. */
    public enum Reason {
        SUCCESS,
        UNKNOWN_USER,
        WRONG_PASSWORD,
        DISABLED,
        LOCKED,
        /**
         * A directory person whose name a local account holds (neither may sign in as the other), or
         * whose name Keycard cannot hold.
         */
        UNUSABLE_NAME,
        /** The password matched, the second factor did not: counts toward the lock like a wrong password. */
        WRONG_SECOND_FACTOR
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
        Optional<Username> name = Username.parse(username);
        Optional<User> user = name.flatMap(users::find);
        if (directory.enabled()
                && name.isPresent()
                && user.filter(found -> !found.fromDirectory()).isEmpty()) {
            return fromDirectory(name.get(), password, admit);
        }
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

    /**
     * A name no local account holds, checked against the directory. {@link DirectoryUnavailable}
     * if it does not answer; an attempt admitted before that is given back, so that an outage
     * locks no one out.
     */
    private Outcome fromDirectory(Username name, String password, Predicate<User> admit) {
        Optional<DirectoryEntry> entry = directory.findByName(name.value());
        Optional<User> user;
        try {
            user = entry.flatMap(directoryAccounts::link);
        } catch (RuntimeException raced) {
            // A parallel first sign-in of the same person made the account first (the unique id
            // refused this one): use that one. Anything else fails again here, and is answered so.
            user = entry.flatMap(directoryAccounts::link);
        }
        if (user.isEmpty()) {
            hashing.verifyDummy(password);
            return new Outcome(entry.isEmpty() ? Reason.UNKNOWN_USER : Reason.UNUSABLE_NAME, null);
        }
        boolean admitted = admit.test(user.get());
        boolean disabled = entry.get().disabled() || !user.get().enabled();
        // Only an admitted attempt reaches the directory, never one for a disabled person, and no
        // more wrong ones than the directory's own lockout would forgive.
        boolean bound = admitted && !disabled && attempts.admitBind(user.get());
        boolean matches;
        try {
            matches = bound && directory.authenticate(entry.get(), password);
        } catch (DirectoryUnavailable e) {
            attempts.notChecked(user.get());
            throw e;
        }
        hashing.verifyDummy(password);
        Reason reason = !admitted
                ? Reason.LOCKED
                : disabled
                        ? Reason.DISABLED
                        : !bound ? Reason.LOCKED : !matches ? Reason.WRONG_PASSWORD : Reason.SUCCESS;
        return new Outcome(reason, user.get());
    }
}
