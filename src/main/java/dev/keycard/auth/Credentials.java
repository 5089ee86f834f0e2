package dev.keycard.auth;

import dev.keycard.user.PasswordHashing;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import dev.keycard.user.Username;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Checks a username and password. Unknown user, wrong password and disabled account all come out
 * as the same empty result after the same work (one password verification each), so that neither
 * the answer nor its timing tells an attacker which usernames exist or which are disabled.
 */
@ApplicationScoped
public class Credentials {

    @Inject
    UserRepository users;

    @Inject
    PasswordHashing hashing;

    public Optional<User> authenticate(String username, String password) {
        Optional<User> user = Username.parse(username).flatMap(users::find);
        if (user.isEmpty()) {
            hashing.verifyDummy(password);
            return Optional.empty();
        }
        boolean matches = hashing.verify(password, user.get().passwordHash());
        return matches && user.get().enabled() ? user : Optional.empty();
    }
}
