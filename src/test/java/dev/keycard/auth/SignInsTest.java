package dev.keycard.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.token.Amr;
import dev.keycard.token.Sessions;
import dev.keycard.token.Sessions.Grant;
import dev.keycard.user.User;
import dev.keycard.user.Username;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInsTest {

    @Test
    void loginThatLostTheRaceToAnAccountLockOpensNoSession() {
        User user = new User(Username.parse("alice").orElseThrow(), "$argon2id$unused", Set.of("user"), true);
        SignIns signIns = new SignIns();
        signIns.attempts = new LoginAttempts() {
            @Override
            public boolean succeeded(User found, String password) {
                return false; // a parallel attempt locked the account during the hash
            }
        };
        signIns.sessions = new Sessions() {
            @Override
            public Grant open(String userId, Amr amr, String userAgent, String clientAddress) {
                throw new AssertionError("a session was opened for a locked account");
            }
        };

        assertTrue(signIns.signIn(user, "the right password", Amr.password(), "test", "192.0.2.1")
                .isEmpty());
    }
}
