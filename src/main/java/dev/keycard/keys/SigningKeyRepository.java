package dev.keycard.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

    void add(StoredSigningKey key) {
        em.persist(key);
    }
}
