package dev.keycard.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Use cases on the user store: listing, creating, and the first administrator. */
@ApplicationScoped
public class UserAccounts {

    private static final Logger LOG = Logger.getLogger(UserAccounts.class.getName());

    @Inject
    UserRepository users;

    @Inject
    PasswordHashing hashing;

    @Inject
    @ConfigProperty(name = "keycard.bootstrap.admin.password")
    Optional<String> bootstrapPassword;

    public List<User> all() {
        return users.all();
    }

    /**
     * The new user, or empty if the name is taken. Two concurrent creations of one name are settled
     * by the database's unique constraint, which {@link dev.keycard.problem.ProblemMapper} turns into
     * a 409 as well.
     */
    @Transactional
    public Optional<User> create(NewUser request) {
        if (users.find(request.username()).isPresent()) {
            return Optional.empty();
        }
        User user = new User(request.username(), hashing.hash(request.password()), request.roles(), request.enabled());
        users.add(user);
        return Optional.of(user);
    }

    /**
     * An empty user store gets an {@code admin} account, so that a new installation can be used at
     * all. Its password comes from KEYCARD_BOOTSTRAP_ADMIN_PASSWORD or is random and logged once:
     * there is no default password to forget to change.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void bootstrapAdmin() {
        if (users.count() > 0) {
            return;
        }
        String configured = bootstrapPassword.filter(p -> !p.isBlank()).orElse(null);
        String password = configured != null ? configured : randomPassword();
        Username name = Username.parse("admin").orElseThrow();
        users.add(new User(name, hashing.hash(password), Set.of("admin", "user"), true));
        if (configured != null) {
            LOG.info("Created the first administrator 'admin' with the password from KEYCARD_BOOTSTRAP_ADMIN_PASSWORD.");
        } else {
            LOG.warning("Created the first administrator 'admin'. Its password, shown this once only, is: "
                    + password + " . Sign in and keep it safe; it is not stored anywhere in clear.");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
