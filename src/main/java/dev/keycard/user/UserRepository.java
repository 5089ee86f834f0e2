package dev.keycard.user;

import dev.keycard.RecentCopies;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class UserRepository {

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    /**
     * How long a node answers from its copy of what it read (a client, a user's claims): a change
     * made on another node applies there within this time, on this node at once.
     */
    @Inject
    @ConfigProperty(name = "keycard.cache-ttl")
    Duration cacheTtl;

    /** Users with roles and attributes as last read by {@link #findRecent}: at most 10,000. */
    private final RecentCopies<User> recent = new RecentCopies<>(10_000);

    public Optional<User> find(Username username) {
        return em.createQuery("SELECT u FROM User u WHERE u.username = :username", User.class)
                .setParameter("username", username.value())
                .getResultStream()
                .findFirst();
    }

    /** The user linked to a person of the directory by the directory's stable id for them. */
    public Optional<User> findByDirectoryId(String directoryId) {
        return em.createQuery("SELECT u FROM User u WHERE u.directoryId = :id", User.class)
                .setParameter("id", directoryId)
                .getResultStream()
                .findFirst();
    }

    /** The user, row-locked until the transaction ends: counters change without lost updates. */
    public Optional<User> lockById(String id) {
        return Optional.ofNullable(em.find(User.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<User> findById(String id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /**
     * The user with roles and attributes in one query, for issuing a token: {@link #findById}
     * reads them with two more queries, and a refresh is mostly its database round trips.
     */
    public Optional<User> findForToken(String id) {
        return em.createQuery(
                        "SELECT DISTINCT u FROM User u LEFT JOIN FETCH u.roles LEFT JOIN FETCH u.attributes"
                                + " WHERE u.id = :id",
                        User.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    /**
     * {@link #findForToken}, answered from a copy read at most {@code keycard.cache-ttl} ago: for
     * userinfo, asked with every application's token, never for changing the user. Every change
     * to a user's roles, attributes, name or state goes through {@link #forget} in its transaction.
     */
    public Optional<User> findRecent(String id) {
        return recent.get(id, cacheTtl, this::findForToken);
    }

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** This node's copy of the user is gone, now and at the commit: the next {@link #findRecent} reads the row. */
    void forget(String id) {
        recent.forgetOnceCommitted(id, transactions);
    }

    /** Usernames are stored in canonical lower case, so a plain LIKE is case-insensitive. */
    public List<User> page(String contains, int page, int size) {
        return em.createQuery(
                        "SELECT u FROM User u WHERE u.username LIKE :q ESCAPE '\\' ORDER BY u.username", User.class)
                .setParameter("q", like(contains))
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList();
    }

    public long count(String contains) {
        return em.createQuery("SELECT COUNT(u) FROM User u WHERE u.username LIKE :q ESCAPE '\\'", Long.class)
                .setParameter("q", like(contains))
                .getSingleResult();
    }

    private static String like(String contains) {
        return "%" + contains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult();
    }

    /**
     * Counts the enabled local administrators, row-locking them until the transaction ends, so that
     * two administrators demoting each other at once cannot both pass the last-admin check. Directory
     * administrators do not count: a group change in the directory, or the directory being down,
     * must never leave Keycard without an administrator who can sign in.
     */
    public long countEnabledAdmins() {
        return em.createQuery(
                        "SELECT u FROM User u JOIN u.roles r WHERE r = 'admin' AND u.enabled = TRUE"
                                + " AND u.directoryId IS NULL",
                        User.class)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .size();
    }

    public void remove(User user) {
        forget(user.id());
        em.remove(user);
        em.flush();
    }

    /** Writes pending changes now: a released name must be free before another row takes it. */
    public void flush() {
        em.flush();
    }

    public void add(User user) {
        em.persist(user);
        em.flush();
    }
}
