package dev.keycard.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

@ApplicationScoped
public class SigningKeyRepository {

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    /** Active keys of one algorithm, oldest first, so that every node picks the same one. */
    List<StoredSigningKey> active(SigningAlgorithm algorithm) {
        return em.createQuery("SELECT k FROM StoredSigningKey k WHERE k.algorithm = :alg AND k.state = :state "
                        + "ORDER BY k.createdAt, k.kid", StoredSigningKey.class)
                .setParameter("alg", algorithm.name())
                .setParameter("state", StoredSigningKey.ACTIVE)
                .getResultList();
    }

    void add(StoredSigningKey key) {
        em.persist(key);
    }
}
