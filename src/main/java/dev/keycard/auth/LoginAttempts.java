package dev.keycard.auth;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.auth.Credentials.Outcome;
import dev.keycard.password.PasswordHashing;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import dev.keycard.user.Username;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a login attempt leaves behind: the account's failure count and lock, the address's failure
 * count, a better hash, and the audit trail. Counters live in the database, so every node sees
 * them; a lock simply ends at {@code locked_until}.
 */
@ApplicationScoped
public class LoginAttempts {

    @Inject
    UserRepository users;

    @Inject
    PasswordHashing hashing;

    @Inject
    AddressThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "keycard.login.lock.threshold")
    int threshold;

    @Inject
    @ConfigProperty(name = "keycard.login.lock.first")
    Duration firstLock;

    @Inject
    @ConfigProperty(name = "keycard.login.lock.longest")
    Duration longestLock;

    @Inject
    @ConfigProperty(name = "keycard.ldap.bind-failure-limit")
    int bindFailureLimit;

    @Inject
    @ConfigProperty(name = "keycard.ldap.bind-failure-window")
    Duration bindFailureWindow;

    /** Whether the account may try now; counts the attempt as a failure until it succeeds. */
    @Transactional
    public boolean admit(User found) {
        return users.lockById(found.id())
                .map(user -> user.admitAttempt(Instant.now(), threshold, firstLock, longestLock))
                .orElse(false);
    }

    /**
     * Whether the directory may be sent this person's password now: at most
     * {@code keycard.ldap.bind-failure-limit} wrong binds since the last success (or in the window),
     * whatever Keycard's own lock did meanwhile, so that guesses made here never reach the
     * directory's own lockout. Counted as wrong in advance; a success clears it.
     */
    @Transactional
    public boolean admitBind(User found) {
        return users.lockById(found.id())
                .map(user -> user.admitBind(Instant.now(), bindFailureLimit, bindFailureWindow))
                .orElse(false);
    }

    /**
     * Gives back an admitted attempt whose password could not be checked (the directory did not
     * answer): an outage must not count toward anyone's lock here. A bind already admitted stays
     * counted: it may have reached the directory before the answer was lost.
     */
    @Transactional
    public void notChecked(User admitted) {
        users.lockById(admitted.id()).ifPresent(User::attemptNotChecked);
    }

    /**
     * A directory person's password was right but the sign-in goes no further yet (the second
     * factor is missing or wrong): the bind counted in advance as wrong was not, and must not
     * bring the person nearer the bind limit ({@link #admitBind}).
     */
    @Transactional
    public void passwordMatched(User found) {
        if (found.fromDirectory()) {
            users.lockById(found.id()).ifPresent(User::bindSucceeded);
        }
    }

    @Transactional
    public void failed(String username, Outcome outcome, String clientAddress) {
        try {
            throttle.failed(clientAddress);
        } catch (RuntimeException e) {
            // Losing one count must not turn a 401 into a 500.
        }
        User user = outcome.user() == null
                ? null
                : users.lockById(outcome.user().id()).orElse(null);
        String subject = user == null ? null : user.id();
        // Only an account's own name is recorded, never what was typed for an unknown one: people
        // type passwords into the username field, and many passwords are well-formed usernames.
        String name = user == null ? null : user.username();
        audit.record(
                AuditType.LOGIN_FAILURE,
                name,
                subject,
                outcome.reason().name().toLowerCase(java.util.Locale.ROOT) + (user == null ? "" : ", " + store(user)));
        if (user != null) {
            Instant lockedUntil = user.failedAttempt(Instant.now(), threshold, firstLock, longestLock);
            if (lockedUntil != null) {
                audit.record(AuditType.ACCOUNT_LOCKED, user.username(), subject, "until " + lockedUntil);
            }
        }
    }

    /**
     * A login the address throttle refused: recorded under the account it names, or under no name
     * at all (see {@link #failed}). One indexed lookup; no password is hashed for it.
     */
    @Transactional
    public void throttled(String username) {
        Optional<User> user = Username.parse(username).flatMap(users::find);
        audit.record(
                AuditType.LOGIN_THROTTLED,
                user.map(User::username).orElse(null),
                user.map(User::id).orElse(null),
                null);
    }

    /** Which store the account is in, for the audit trail. */
    private static String store(User user) {
        return user.fromDirectory() ? "directory user" : "local account";
    }

    /**
     * Clears the failure count, and re-hashes the password if its hash is weaker than configured.
     * False if a parallel attempt locked the account meanwhile: then this login fails too.
     */
    @Transactional
    public boolean succeeded(User found, String password) {
        User user = users.lockById(found.id()).orElse(null);
        if (user == null || user.isLocked(Instant.now())) {
            return false;
        }
        {
            user.clearFailures();
            // Never for a directory user: Keycard stores no hash of a directory password.
            if (password != null && !user.fromDirectory() && hashing.needsRehash(user.passwordHash())) {
                user.rehashed(hashing.hash(password));
            }
            audit.record(AuditType.LOGIN_SUCCESS, user.username(), user.id(), store(user));
        }
        return true;
    }
}
