package dev.keycard.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TokenFamilyRepository {

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    /** Flushed at once: refresh tokens refer to the family by a plain column, so JPA cannot order the inserts. */
    void add(TokenFamily family) {
        em.persist(family);
        em.flush();
    }

    void add(RefreshToken token) {
        em.persist(token);
    }

    Optional<TokenFamily> family(String id) {
        return Optional.ofNullable(em.find(TokenFamily.class, id));
    }

    Optional<RefreshToken> token(String hash) {
        return Optional.ofNullable(em.find(RefreshToken.class, hash));
    }

    /**
     * Marks the token spent if it is unspent and unexpired. The database settles races: of any
     * number of concurrent calls with one token, on one node or several, exactly one gets 1.
     */
    int spend(String hash, Instant now) {
        return em.createQuery("UPDATE RefreshToken t SET t.spentAt = :now "
                        + "WHERE t.tokenHash = :hash AND t.spentAt IS NULL AND t.expiresAt > :now")
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("hash", hash)
                .executeUpdate();
    }

    /**
     * The client of the family a refresh token belongs to: empty if there is no such token, a list
     * holding null for a family of Keycard's own login. A scalar query, so no entity is loaded before
     * {@link #spend} changes the row behind it.
     */
    /** The user whose family holds the token, spent or not: one query. */
    Optional<String> userOf(String hash) {
        return em.createQuery(
                        "SELECT f.userId FROM TokenFamily f, RefreshToken t WHERE t.tokenHash = :hash "
                                + "AND f.id = t.familyId",
                        String.class)
                .setParameter("hash", hash)
                .getResultStream()
                .findFirst();
    }

    List<String> clientOf(String hash) {
        return em.createQuery(
                        "SELECT f.clientId FROM TokenFamily f, RefreshToken t WHERE t.tokenHash = :hash "
                                + "AND f.id = t.familyId",
                        String.class)
                .setParameter("hash", hash)
                .getResultList();
    }

    /** Families opened under an SSO session and not yet revoked. */
    List<TokenFamily> unrevokedOf(String ssoSessionId) {
        return em.createQuery(
                        "SELECT f FROM TokenFamily f WHERE f.ssoSessionId = :sso AND f.revokedAt IS NULL",
                        TokenFamily.class)
                .setParameter("sso", ssoSessionId)
                .getResultList();
    }

    /** The applications that took part in an SSO session: a family was opened for each. */
    List<String> clientsOf(String ssoSessionId) {
        return em.createQuery("SELECT DISTINCT f.clientId FROM TokenFamily f WHERE f.ssoSessionId = :sso", String.class)
                .setParameter("sso", ssoSessionId)
                .getResultList();
    }

    /** Families of the user not revoked and not expired before {@code expiredAfter}. */
    List<TokenFamily> unrevoked(String userId, Instant expiredAfter) {
        return em.createQuery(
                        "SELECT f FROM TokenFamily f WHERE f.userId = :user AND f.revokedAt IS NULL "
                                + "AND f.expiresAt > :after",
                        TokenFamily.class)
                .setParameter("user", userId)
                .setParameter("after", expiredAfter.atOffset(ZoneOffset.UTC))
                .getResultList();
    }

    /** Families (and with them their refresh tokens) that expired before {@code before}. */
    int deleteExpired(Instant before) {
        return em.createQuery("DELETE FROM TokenFamily f WHERE f.expiresAt < :before")
                .setParameter("before", before.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    List<TokenFamily> live(String userId, Instant now) {
        return em.createQuery(
                        "SELECT f FROM TokenFamily f WHERE f.userId = :user AND f.revokedAt IS NULL "
                                + "AND f.expiresAt > :now ORDER BY f.lastUsedAt DESC",
                        TokenFamily.class)
                .setParameter("user", userId)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .getResultList();
    }
}
