package dev.keycard.auth;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.auth.Credentials.Outcome;
import dev.keycard.throttle.AddressThrottle;
import dev.keycard.user.PasswordHashing;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
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
    @ConfigProperty(name = "keycard.login.lock.threshold", defaultValue = "5")
    int threshold;

    @Inject
    @ConfigProperty(name = "keycard.login.lock.first", defaultValue = "PT1M")
    Duration firstLock;

    @Inject
    @ConfigProperty(name = "keycard.login.lock.longest", defaultValue = "PT15M")
    Duration longestLock;

    @Transactional
    public void failed(String username, Outcome outcome, String clientAddress) {
        throttle.failed(clientAddress);
        User user = outcome.user() == null ? null : users.lockById(outcome.user().id()).orElse(null);
        String subject = user == null ? null : user.id();
        audit.record(AuditType.LOGIN_FAILURE, user == null ? username : user.username(), subject,
                outcome.reason().name().toLowerCase(java.util.Locale.ROOT));
        if (user != null && outcome.reason() == Credentials.Reason.WRONG_PASSWORD) {
            Instant lockedUntil = user.failedLogin(Instant.now(), threshold, firstLock, longestLock);
            if (lockedUntil != null) {
                audit.record(AuditType.ACCOUNT_LOCKED, user.username(), subject, "until " + lockedUntil);
            }
        }
    }

    /** Clears the failure count, and re-hashes the password if its hash is weaker than configured. */
    @Transactional
    public void succeeded(User found, String password) {
        users.lockById(found.id()).ifPresent(user -> {
            user.clearFailures();
            if (hashing.needsRehash(user.passwordHash())) {
                user.rehashed(hashing.hash(password));
            }
            audit.record(AuditType.LOGIN_SUCCESS, user.username(), user.id(), null);
        });
    }
}
