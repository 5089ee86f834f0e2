package dev.keycard.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

@ApplicationScoped
public class SigningKeyRepository {

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    /** Every generated key of one algorithm, in activation order (ties by kid, the same on every node). */
    List<StoredSigningKey> all(SigningAlgorithm algorithm) {
        return em.createQuery(
                        "SELECT k FROM StoredSigningKey k WHERE k.algorithm = :alg ORDER BY k.activatesAt, k.kid",
                        StoredSigningKey.class)
                .setParameter("alg", algorithm.name())
                .getResultList();
    }

    /** Every generated key, of any algorithm: all of them hold private material. */
    List<StoredSigningKey> everyKey() {
        return em.createQuery("SELECT k FROM StoredSigningKey k ORDER BY k.kid", StoredSigningKey.class)
                .getResultList();
    }

    StoredSigningKey find(String kid) {
        return em.find(StoredSigningKey.class, kid);
    }

    /** Marks the key revoked unless it already is; 1 for the one caller that revoked it, else 0. */
    int revoke(String kid, Instant at) {
        return em.createQuery(
                        "UPDATE StoredSigningKey k SET k.revokedAt = :at WHERE k.kid = :kid AND k.revokedAt IS NULL")
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("kid", kid)
                .executeUpdate();
    }

    void add(StoredSigningKey key) {
        em.persist(key);
    }
}
