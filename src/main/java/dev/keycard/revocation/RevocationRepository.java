package dev.keycard.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

@ApplicationScoped
public class RevocationRepository {

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    void add(Revocation revocation) {
        em.persist(revocation);
    }

    /** Unexpired revocations written since {@code since}. */
    List<Revocation> since(Instant since, Instant now) {
        return em.createQuery(
                        "SELECT r FROM Revocation r WHERE r.createdAt >= :since AND r.expiresAt > :now",
                        Revocation.class)
                .setParameter("since", since.atOffset(ZoneOffset.UTC))
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .getResultList();
    }

    int deleteExpired(Instant now) {
        return em.createQuery("DELETE FROM Revocation r WHERE r.expiresAt <= :now")
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }
}
