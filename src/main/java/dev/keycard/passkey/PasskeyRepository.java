package dev.keycard.passkey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Passkeys, and the challenges handed out for them (native SQL: the table has no entity). */
@ApplicationScoped
public class PasskeyRepository {

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    /** A challenge as it was issued: for which ceremony, and for which user (null: anyone's passkey). */
    record IssuedChallenge(String purpose, String userId) {}

    List<Passkey> of(String userId) {
        return em.createQuery("SELECT p FROM Passkey p WHERE p.userId = :user ORDER BY p.createdAt", Passkey.class)
                .setParameter("user", userId)
                .getResultList();
    }

    long count(String userId) {
        return em.createQuery("SELECT COUNT(p) FROM Passkey p WHERE p.userId = :user", Long.class)
                .setParameter("user", userId)
                .getSingleResult();
    }

    Optional<Passkey> find(String userId, String passkeyId) {
        return Optional.ofNullable(em.find(Passkey.class, passkeyId))
                .filter(p -> p.userId().equals(userId));
    }

    Optional<Passkey> byCredentialId(String credentialId) {
        return em.createQuery("SELECT p FROM Passkey p WHERE p.credentialId = :id", Passkey.class)
                .setParameter("id", credentialId)
                .getResultStream()
                .findFirst();
    }

    /**
     * The passkey, its row locked until the transaction ends: two assertions of one passkey (a
     * cloned authenticator's among them) are checked against its counter one after the other.
     */
    Optional<Passkey> lockByCredentialId(String credentialId) {
        return em.createQuery("SELECT p FROM Passkey p WHERE p.credentialId = :id", Passkey.class)
                .setParameter("id", credentialId)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    void add(Passkey passkey) {
        em.persist(passkey);
        em.flush();
    }

    void remove(Passkey passkey) {
        em.remove(passkey);
    }

    int removeAll(String userId) {
        return em.createQuery("DELETE FROM Passkey p WHERE p.userId = :user")
                .setParameter("user", userId)
                .executeUpdate();
    }

    /** Two statements rather than a NULL parameter, which PostgreSQL's driver cannot type in native SQL. */
    void addChallenge(String hash, String purpose, String userId, Instant expiresAt) {
        (userId == null
                        ? em.createNativeQuery("INSERT INTO webauthn_challenges (challenge_hash, purpose, expires_at) "
                                        + "VALUES (?, ?, ?)")
                                .setParameter(1, hash)
                                .setParameter(2, purpose)
                                .setParameter(3, utc(expiresAt))
                        : em.createNativeQuery("INSERT INTO webauthn_challenges (challenge_hash, purpose, expires_at, "
                                        + "user_id) VALUES (?, ?, ?, ?)")
                                .setParameter(1, hash)
                                .setParameter(2, purpose)
                                .setParameter(3, utc(expiresAt))
                                .setParameter(4, userId))
                .executeUpdate();
    }

    /**
     * Takes the challenge out, if it is there and live: of any number of transactions presenting
     * it, on any nodes, exactly one gets it (the DELETE that removes the row); the others, and
     * any later replay, get nothing.
     */
    Optional<IssuedChallenge> consumeChallenge(String hash, Instant now) {
        List<?> rows = em.createNativeQuery("SELECT purpose, user_id FROM webauthn_challenges "
                        + "WHERE challenge_hash = ? AND expires_at > ?")
                .setParameter(1, hash)
                .setParameter(2, utc(now))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int deleted = em.createNativeQuery(
                        "DELETE FROM webauthn_challenges WHERE challenge_hash = ? AND expires_at > ?")
                .setParameter(1, hash)
                .setParameter(2, utc(now))
                .executeUpdate();
        if (deleted != 1) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new IssuedChallenge((String) row[0], (String) row[1]));
    }

    int purgeExpiredChallenges(Instant now) {
        return em.createNativeQuery("DELETE FROM webauthn_challenges WHERE expires_at <= ?")
                .setParameter(1, utc(now))
                .executeUpdate();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
