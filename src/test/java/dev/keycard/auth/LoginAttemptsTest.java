package dev.keycard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.password.PasswordHashing;
import dev.keycard.password.TestHashing;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import dev.keycard.user.Username;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginAttemptsTest {

    @Test
    void successfulLoginReplacesAWeakerHashWithOneAtTheConfiguredStrength() {
        PasswordHashing weak = TestHashing.pbkdf2(1_000);
        User user =
                new User(Username.parse("alice").orElseThrow(), weak.hash("the right password"), Set.of("user"), true);

        PasswordHashing configured = TestHashing.argon2id();
        LoginAttempts attempts = new LoginAttempts();
        attempts.hashing = configured;
        attempts.users = new UserRepository() {
            @Override
            public Optional<User> lockById(String id) {
                return Optional.of(user);
            }
        };
        attempts.audit = new AuditLog() {
            @Override
            public void record(AuditType type, String username, String subject, String detail) {}
        };

        assertTrue(configured.needsRehash(user.passwordHash()));
        attempts.succeeded(user, "the right password");
        assertFalse(configured.needsRehash(user.passwordHash()));
        assertTrue(user.passwordHash().startsWith("$argon2id$"));
        assertTrue(configured.verify("the right password", user.passwordHash()));
    }

    /** The usernames the audit trail recorded, {@code null} for none. */
    private final List<String> recorded = new ArrayList<>();

    private LoginAttempts recordingAttempts(User existing) {
        LoginAttempts attempts = new LoginAttempts();
        attempts.throttle = new AddressThrottle() {
            @Override
            public void failed(String clientAddress) {}
        };
        attempts.users = new UserRepository() {
            @Override
            public Optional<User> find(Username username) {
                return Optional.of(existing).filter(user -> user.username().equals(username.value()));
            }
        };
        attempts.audit = new AuditLog() {
            @Override
            public void record(AuditType type, String username, String subject, String detail) {
                recorded.add(username);
            }
        };
        return attempts;
    }

    @Test
    void aPasswordTypedAsTheUsernameOfNoAccountIsNotRecorded() {
        User alice = new User(Username.parse("alice").orElseThrow(), "$hash", Set.of("user"), true);
        LoginAttempts attempts = recordingAttempts(alice);
        // A well-formed username, and someone's password: an unknown account's name is never kept.
        attempts.failed(
                "correct-horse-battery", new Credentials.Outcome(Credentials.Reason.UNKNOWN_USER, null), "192.0.2.1");
        attempts.throttled("correct-horse-battery");
        attempts.throttled("Alice");
        assertEquals(java.util.Arrays.asList(null, null, "alice"), recorded);
    }
}
