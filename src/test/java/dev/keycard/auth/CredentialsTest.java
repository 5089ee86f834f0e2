package dev.keycard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keycard.password.PasswordHashing;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import dev.keycard.user.Username;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unknown user, wrong password and disabled account must cost the same: exactly one password
 * verification each, so response time does not reveal which usernames exist.
 */
class CredentialsTest {

    private static final java.util.function.Predicate<User> ADMIT = user -> true;

    private final Map<String, User> store = new java.util.HashMap<>();
    private int verifications;
    private Credentials credentials;

    @BeforeEach
    void setUp() {
        credentials = new Credentials();
        // No directory configured: every name is a local account's or unknown.
        credentials.directory = new dev.keycard.directory.Directory();
        credentials.users = new UserRepository() {
            @Override
            public Optional<User> find(Username username) {
                return Optional.ofNullable(store.get(username.value()));
            }
        };
        credentials.hashing = new PasswordHashing() {
            @Override
            public boolean verify(String password, String phc) {
                verifications++;
                return ("hash:" + password).equals(phc);
            }
        };
        store.put(
                "alice", new User(Username.parse("alice").orElseThrow(), "hash:right-password", Set.of("user"), true));
        store.put("dave", new User(Username.parse("dave").orElseThrow(), "hash:right-password", Set.of("user"), false));
    }

    @Test
    void unknownUserCostsOneVerification() {
        assertEquals(
                Credentials.Reason.UNKNOWN_USER,
                credentials.authenticate("nobody", "right-password", ADMIT).reason());
        assertEquals(1, verifications);
    }

    @Test
    void wrongPasswordCostsOneVerification() {
        assertEquals(
                Credentials.Reason.WRONG_PASSWORD,
                credentials.authenticate("alice", "wrong-password", ADMIT).reason());
        assertEquals(1, verifications);
    }

    @Test
    void disabledAccountIsRefusedAfterOneVerificationEvenWithTheRightPassword() {
        assertEquals(
                Credentials.Reason.DISABLED,
                credentials.authenticate("dave", "right-password", ADMIT).reason());
        assertEquals(1, verifications);
    }

    @Test
    void invalidUsernameCostsOneVerification() {
        assertEquals(
                Credentials.Reason.UNKNOWN_USER,
                credentials
                        .authenticate("not a valid name!", "right-password", ADMIT)
                        .reason());
        assertEquals(1, verifications);
    }

    @Test
    void lockedAccountIsRefusedAfterOneVerificationEvenWithTheRightPassword() {
        assertEquals(
                Credentials.Reason.LOCKED,
                credentials
                        .authenticate("alice", "right-password", user -> false)
                        .reason());
        assertEquals(1, verifications);
    }

    @Test
    void rightPasswordOfAnEnabledUserSucceeds() {
        assertEquals(
                "alice",
                credentials
                        .authenticate("ALICE", "right-password", ADMIT)
                        .user()
                        .username());
    }
}
