package dev.keycard.revocation;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which access tokens are revoked before their expiry, answered from memory: the check runs on
 * every protected request and must not cost a database query. Three kinds of entry, each kept
 * only until the latest expiry of the tokens it covers: a token ({@code jti}), a family
 * ({@code sid}: every access token minted from one login), and a user's "not before" time.
 * <p>
 * Revocations made on this node apply at once. Those made on other nodes arrive with the next
 * poll of the revocations table, every {@code keycard.revocation.poll-interval} (default 5 s):
 * that interval plus one query is the staleness bound across nodes. Polls re-read an overlap of
 * {@link #OVERLAP}, so a transaction that committed late is still seen.
 */
@ApplicationScoped
public class RevocationList {

    private static final Logger LOG = Logger.getLogger(RevocationList.class.getName());
    /**
     * Each poll re-reads this much before the previous one: longer than Liberty's default
     * transaction timeout (120 s) plus the clock skew nodes may have (60 s), so a revocation that
     * commits late or comes from a node whose clock is a little behind is still picked up.
     */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    /** target → epoch second after which the entry can be forgotten. */
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();

    private final Map<String, Long> families = new ConcurrentHashMap<>();
    /** user id → {not before, forget after} in epoch seconds. */
    private final Map<String, long[]> users = new ConcurrentHashMap<>();

    @Inject
    RevocationMetrics metrics;

    @Inject
    RevocationRepository repository;

    @Inject
    @ConfigProperty(name = "keycard.revocation.poll-interval")
    Duration pollInterval;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private volatile Instant lastPoll = Instant.EPOCH;
    private ScheduledFuture<?> polling;

    /** Loads every unexpired revocation and starts polling; called once at start-up. */
    public void start() {
        poll();
        polling = scheduler.scheduleWithFixedDelay(
                this::pollQuietly, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    /** The hot path: three map look-ups. {@code issuedAt} in epoch seconds. */
    public boolean isRevoked(String jti, String sid, String userId, long issuedAt) {
        return revokedBy(jti, sid, userId, issuedAt) != null;
    }

    /** What revokes the token (an entry for it, its family, or its user), or null if nothing does. */
    public Revocation.Kind revokedBy(String jti, String sid, String userId, long issuedAt) {
        if (jti != null && tokens.containsKey(jti)) {
            return Revocation.Kind.jti;
        }
        if (sid != null && families.containsKey(sid)) {
            return Revocation.Kind.sid;
        }
        long[] user = userId == null ? null : users.get(userId);
        return user != null && issuedAt < user[0] ? Revocation.Kind.user : null;
    }

    /** One access token, until it expires. Joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeToken(String jti, Instant expiresAt) {
        record(new Revocation(Revocation.Kind.jti, jti, null, expiresAt));
    }

    /** Every access token of a family, until the last of them can have expired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeFamily(String familyId, Instant lastExpiry) {
        record(new Revocation(Revocation.Kind.sid, familyId, null, lastExpiry));
    }

    /** Every access token issued to a user before now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeUserTokensIssuedBefore(String userId, Instant notBefore, Instant lastExpiry) {
        record(new Revocation(Revocation.Kind.user, userId, notBefore, lastExpiry));
    }

    /** Stored now; in memory once the transaction has committed, so a rollback revokes nothing anywhere. */
    private void record(Revocation revocation) {
        repository.add(revocation);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    apply(revocation);
                    metrics.revoked(revocation.kind());
                }
            }
        });
    }

    /** Into memory: what this node refuses from now on. Package-private for the benchmarks. */
    void apply(Revocation revocation) {
        switch (revocation.kind()) {
            case jti -> tokens.merge(revocation.target(), revocation.expiresAt(), Math::max);
            case sid -> families.merge(revocation.target(), revocation.expiresAt(), Math::max);
            case user ->
                users.merge(revocation.target(), new long[] {revocation.notBefore(), revocation.expiresAt()}, (a, b) ->
                        new long[] {Math.max(a[0], b[0]), Math.max(a[1], b[1])});
        }
    }

    /** Drops revocations whose tokens have all expired; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeExpired() {
        return repository.deleteExpired(Instant.now());
    }

    /** Whether the user's tokens issued at {@code issuedAt} (epoch seconds) were revoked as a whole. */
    public boolean isUserRevoked(String userId, long issuedAt) {
        long[] user = users.get(userId);
        return user != null && issuedAt < user[0];
    }

    public boolean isFamilyRevoked(String familyId) {
        return families.containsKey(familyId);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // Database away: keep what we know and try again at the next interval.
            LOG.log(
                    Level.WARNING,
                    "Could not refresh the revocation list: " + e.getClass().getSimpleName());
        }
    }

    void poll() {
        Instant started = Instant.now();
        Instant since = lastPoll.equals(Instant.EPOCH) ? Instant.EPOCH : lastPoll.minus(OVERLAP);
        repository.since(since, started).forEach(this::apply);
        lastPoll = started;
        long now = started.getEpochSecond();
        tokens.values().removeIf(expiry -> expiry <= now);
        families.values().removeIf(expiry -> expiry <= now);
        users.values().removeIf(entry -> entry[1] <= now);
    }
}
