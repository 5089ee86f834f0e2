package dev.keycard.sso;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The back-channel logout queue (OpenID Connect Back-Channel Logout 1.0), in the database so that
 * a restart or a dead node loses no logout. A row is queued in the transaction that ends the SSO
 * session; {@link LogoutDelivery} claims due rows one by one, sends, and records the result here. Failed
 * deliveries are retried with exponential backoff (2 s, 4 s, ... at most 5 minutes apart) until
 * {@code keycard.sso.backchannel-retry-for} after the logout, then abandoned and audited.
 */
@ApplicationScoped
public class BackchannelLogouts {

    /**
     * How long a claimed row is left to its node before another node may try it: well beyond the
     * longest a delivery may take ({@link LogoutDelivery#TIMEOUT}).
     */
    static final Duration LEASE = Duration.ofSeconds(60);

    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "keycard.sso.backchannel-retry-for")
    Duration retryFor;

    /** A claimed delivery: what to send, where. */
    record Delivery(String id, String clientId, String uri, String userId, String ssoSessionId) {}

    @Transactional(Transactional.TxType.MANDATORY)
    void queue(String clientId, String uri, String userId, String ssoSessionId, Instant now) {
        em.persist(new BackchannelLogout(clientId, uri, userId, ssoSessionId, now));
    }

    /**
     * The next due delivery, claimed for this node by one conditional UPDATE (moving its next
     * attempt a lease ahead, longer than one delivery can take), so two nodes never send the same
     * one at once; a node that dies holding it leaves it to another when the lease runs out.
     */
    @Transactional
    Optional<Delivery> claimNext() {
        Instant now = Instant.now();
        for (BackchannelLogout due : em.createQuery(
                        "SELECT b FROM BackchannelLogout b WHERE b.deliveredAt IS NULL AND b.abandonedAt IS NULL "
                                + "AND b.nextAttemptAt <= :now ORDER BY b.nextAttemptAt",
                        BackchannelLogout.class)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setMaxResults(5)
                .getResultList()) {
            int won = em.createQuery("UPDATE BackchannelLogout b SET b.nextAttemptAt = :lease, "
                            + "b.attempts = b.attempts + 1 WHERE b.id = :id AND b.nextAttemptAt = :seen "
                            + "AND b.deliveredAt IS NULL AND b.abandonedAt IS NULL")
                    .setParameter("lease", now.plus(LEASE).atOffset(ZoneOffset.UTC))
                    .setParameter("id", due.id())
                    .setParameter("seen", due.nextAttemptAt().atOffset(ZoneOffset.UTC))
                    .executeUpdate();
            if (won == 1) {
                return Optional.of(new Delivery(due.id(), due.clientId(), due.uri(), due.userId(), due.ssoSessionId()));
            }
        }
        return Optional.empty();
    }

    /**
     * How one attempt went: delivered (2xx); refused by the application (a 4xx other than 408 and
     * 429: Back-Channel Logout 1.0 §2.8 has it answer 400 when it cannot log the session out, for
     * example because its user already signed out there, and sending the same logout again would
     * be refused again); or failed (a 5xx, 408, 429, no answer), worth retrying.
     */
    enum Outcome {
        DELIVERED,
        REFUSED,
        FAILED
    }

    /** Records an attempt: delivered, refused (final), or to retry later unless the retry period is over. */
    @Transactional
    void attempted(Delivery delivery, Outcome outcome, String failure) {
        BackchannelLogout row = em.find(BackchannelLogout.class, delivery.id());
        if (row == null) {
            return;
        }
        em.refresh(row);
        Instant now = Instant.now();
        if (row.isFinished()) {
            return; // another node finished it after this one's lease ran out
        }
        if (outcome == Outcome.DELIVERED) {
            row.delivered(now);
            audit.record(
                    AuditType.BACKCHANNEL_LOGOUT,
                    null,
                    row.userId(),
                    "delivered to client " + row.clientId() + " for SSO session " + row.ssoSessionId());
        } else if (outcome == Outcome.REFUSED) {
            row.abandoned(now);
            audit.record(
                    AuditType.BACKCHANNEL_LOGOUT,
                    null,
                    row.userId(),
                    "refused by client " + row.clientId() + " (" + failure + "), not retried, for SSO session "
                            + row.ssoSessionId());
        } else if (now.isAfter(row.createdAt().plus(retryFor))) {
            row.abandoned(now);
            audit.record(
                    AuditType.BACKCHANNEL_LOGOUT,
                    null,
                    row.userId(),
                    "abandoned after " + row.attempts() + " attempts to client " + row.clientId() + " (" + failure
                            + ") for SSO session " + row.ssoSessionId());
        } else {
            row.retryAt(now.plus(backoff(row.attempts())));
        }
    }

    /** 2 s after the first failure, doubling, at most {@link #LONGEST_BACKOFF}. */
    static Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts, 1), 20);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }

    /** Rows delivered or abandoned a day ago. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeFinished() {
        return em.createQuery(
                        "DELETE FROM BackchannelLogout b WHERE b.deliveredAt < :before " + "OR b.abandonedAt < :before")
                .setParameter("before", Instant.now().minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }
}
