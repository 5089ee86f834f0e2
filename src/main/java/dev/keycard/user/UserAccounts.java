package dev.keycard.user;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.directory.Directory;
import dev.keycard.password.PasswordHashing;
import dev.keycard.password.PasswordPolicy;
import dev.keycard.token.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

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

    @Inject
    Sessions sessions;

    @Inject
    PasswordPolicy policy;

    @Inject
    Directory directory;

    @Inject
    AuditLog audit;

    /** The caller of the current request; outside a request (the bootstrap admin) there is none. */
    @Inject
    JsonWebToken caller;

    public enum PasswordChange {
        CHANGED,
        WRONG_PASSWORD,
        NO_SUCH_USER,
        /** The user's password is the directory's: Keycard cannot set it. */
        DIRECTORY_PASSWORD
    }

    public enum Change {
        DONE,
        NO_SUCH_USER,
        LAST_ADMIN,
        /** A directory user's password, roles or profile: the directory's to change. */
        DIRECTORY_MANAGED
    }

    public List<User> page(UserSearch search) {
        return users.page(search.contains(), search.page(), search.size());
    }

    public long count(UserSearch search) {
        return users.count(search.contains());
    }

    /**
     * The new user, or empty if the name is taken. Two concurrent creations of one name are settled
     * by the database's unique constraint, which {@link dev.keycard.problem.ProblemMapper} turns into
     * a 409 as well.
     */
    @Transactional
    public Optional<User> create(NewUser request) {
        if (users.find(request.name()).isPresent()) {
            return Optional.empty();
        }
        User user = new User(request.name(), hashing.hash(request.password()), request.roles(), request.enabled());
        user.setAttributes(request.attributes());
        users.add(user);
        audit.record(AuditType.USER_CREATED, user.username(), user.id(), by() + ", roles " + user.roles());
        return Optional.of(user);
    }

    public Optional<User> find(Username username) {
        return users.find(username);
    }

    /**
     * Whether the directory has a person of this name, whom a local account would shadow (a name
     * is held by one store). Asked before {@link #create}, outside its transaction: a directory
     * that does not answer holds no database connection, and answers 503 ({@link
     * dev.keycard.directory.DirectoryUnavailable}).
     */
    public boolean heldByDirectory(Username username) {
        return directory.enabled() && directory.findByName(username.value()).isPresent();
    }

    /** Self-service change: needs the current password; every other session of the user ends. */
    @Transactional
    public PasswordChange changePassword(String userId, String keepSession, String current, String replacement) {
        Optional<User> user = users.findById(userId);
        if (user.isEmpty()) {
            return PasswordChange.NO_SUCH_USER;
        }
        if (user.get().fromDirectory()) {
            return PasswordChange.DIRECTORY_PASSWORD;
        }
        if (!hashing.verify(current, user.get().passwordHash())) {
            return PasswordChange.WRONG_PASSWORD;
        }
        user.get().changePassword(hashing.hash(replacement));
        sessions.revokeAll(userId, keepSession);
        audit.record(AuditType.PASSWORD_CHANGED, user.get().username(), userId, "other sessions ended");
        return PasswordChange.CHANGED;
    }

    /** An administrator's reset: the user is signed out everywhere. */
    @Transactional
    public Change resetPassword(Username username, String replacement) {
        Optional<User> user = users.find(username);
        if (user.isEmpty()) {
            return Change.NO_SUCH_USER;
        }
        if (user.get().fromDirectory()) {
            return Change.DIRECTORY_MANAGED;
        }
        user.get().changePassword(hashing.hash(replacement));
        user.get().clearFailures();
        sessions.revokeEverything(user.get().id());
        audit.record(AuditType.PASSWORD_RESET, user.get().username(), user.get().id(), by());
        return Change.DONE;
    }

    /** Enables or disables, and sets roles; disabling signs the user out everywhere. */
    @Transactional
    public Change update(Username username, UserChanges changes) {
        Boolean enabled = changes.enabled();
        Set<String> roles = changes.roles();
        Map<String, String> attributes = changes.attributes();
        Optional<User> found = users.find(username);
        if (found.isEmpty()) {
            return Change.NO_SUCH_USER;
        }
        User user = found.get();
        if (user.fromDirectory() && (roles != null || attributes != null)) {
            // Taken from the directory at every sign-in and refresh: a change here would not last.
            return Change.DIRECTORY_MANAGED;
        }
        boolean losesAdmin = !user.fromDirectory()
                && user.enabled()
                && user.roles().contains("admin")
                && (Boolean.FALSE.equals(enabled) || roles != null && !roles.contains("admin"));
        if (losesAdmin && users.countEnabledAdmins() <= 1) {
            return Change.LAST_ADMIN;
        }
        users.forget(user.id());
        if (roles != null) {
            user.setRoles(roles);
        }
        if (attributes != null) {
            user.setAttributes(attributes);
        }
        if (enabled != null && enabled != user.enabled()) {
            user.setEnabled(enabled);
            if (!enabled) {
                sessions.revokeEverything(user.id());
            }
        }
        audit.record(AuditType.USER_UPDATED, user.username(), user.id(), by() + changes(enabled, roles, attributes));
        return Change.DONE;
    }

    /** Deletes the user; their sessions go with them and their access tokens are revoked. */
    @Transactional
    public Change delete(Username username) {
        Optional<User> found = users.find(username);
        if (found.isEmpty()) {
            return Change.NO_SUCH_USER;
        }
        User user = found.get();
        if (!user.fromDirectory()
                && user.enabled()
                && user.roles().contains("admin")
                && users.countEnabledAdmins() <= 1) {
            return Change.LAST_ADMIN;
        }
        sessions.revokeEverything(user.id());
        users.remove(user);
        audit.record(AuditType.USER_DELETED, user.username(), user.id(), by());
        return Change.DONE;
    }

    /** An administrator's unlock: the failure count starts again from nothing. */
    @Transactional
    public Change unlock(Username username) {
        Optional<User> user = users.find(username);
        if (user.isEmpty()) {
            return Change.NO_SUCH_USER;
        }
        user.get().clearFailures();
        audit.record(
                AuditType.ACCOUNT_UNLOCKED, user.get().username(), user.get().id(), by());
        return Change.DONE;
    }

    /** Who made an administrative change, as the audit trail names them. */
    private String by() {
        try {
            String name = caller.getName();
            return "by " + (name == null ? "system" : name);
        } catch (RuntimeException noCaller) {
            return "by system";
        }
    }

    private static String changes(Boolean enabled, Set<String> roles, Map<String, String> attributes) {
        return (enabled == null ? "" : ", enabled " + enabled)
                + (roles == null ? "" : ", roles " + new java.util.TreeSet<>(roles))
                + (attributes == null ? "" : ", attributes " + new java.util.TreeSet<>(attributes.keySet()));
    }

    /**
     * An empty user store gets an {@code admin} account, so that a new installation can be used at
     * all. Its password comes from KEYCARD_BOOTSTRAP_ADMIN_PASSWORD or is random, written to a file
     * only the server's user can read ({@link FirstAdminPassword}), never to a log: there is no
     * default password to forget to change.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void bootstrapAdmin() {
        if (users.count() > 0) {
            return;
        }
        String configured = bootstrapPassword.filter(p -> !p.isBlank()).orElse(null);
        if (configured != null) {
            String broken = policy.broken(configured);
            if (broken == null) {
                broken = policy.guessable(configured, "admin");
            }
            if (broken != null) {
                throw new IllegalStateException(
                        "KEYCARD_BOOTSTRAP_ADMIN_PASSWORD " + broken + ". The first administrator was not created.");
            }
        }
        String password = configured != null ? configured : randomPassword();
        Username name = Username.parse("admin").orElseThrow();
        users.add(new User(name, hashing.hash(password), Set.of("admin", "user"), true));
        if (configured != null) {
            LOG.info(
                    "Created the first administrator 'admin' with the password from KEYCARD_BOOTSTRAP_ADMIN_PASSWORD.");
        } else {
            Path file = FirstAdminPassword.write(Path.of(""), password);
            LOG.warning("Created the first administrator 'admin'. Its password is in " + file
                    + ", readable by this server's user only. Sign in, keep it safe and delete the file.");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
