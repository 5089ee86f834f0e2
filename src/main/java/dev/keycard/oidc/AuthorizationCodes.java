package dev.keycard.oidc;

import dev.keycard.RandomToken;
import dev.keycard.Sha256;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.token.Amr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Authorization codes: 256 random bits, stored only as a SHA-256 hash, valid for {@link #TTL} and
 * redeemable once. The database settles who redeems: one conditional UPDATE, which of any number
 * of concurrent redemptions, on any nodes, exactly one wins.
 */
@ApplicationScoped
public class AuthorizationCodes {

    /** RFC 6749 §4.1.2 recommends at most ten minutes; a browser redirect and a back-end call need seconds. */
    static final Duration TTL = Duration.ofSeconds(60);

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    @Inject
    AuditLog audit;

    /** A new code for the request, signed in by the SSO session; the code itself is returned only here. */
    @Transactional
    String issue(AuthorizationRequest.Valid request, String userId, String ssoSessionId, Instant authTime, Amr amr) {
        String code = RandomToken.next();
        Instant now = Instant.now();
        em.persist(new AuthorizationCode(
                Sha256.base64url(code), request, userId, ssoSessionId, authTime, amr, now, now.plus(TTL)));
        audit.record(
                AuditType.AUTHORIZATION_CODE,
                null,
                userId,
                "client " + request.client().clientId() + ", SSO session " + ssoSessionId);
        return code;
    }

    /** The code as stored, redeemed or not, expired or not. */
    Optional<AuthorizationCode> find(String code) {
        if (code == null || code.length() > 64) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(AuthorizationCode.class, Sha256.base64url(code)));
    }

    /** True for the one caller that redeems the code; false if it was redeemed or expired meanwhile. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean redeem(AuthorizationCode code) {
        Instant now = Instant.now();
        return em.createQuery("UPDATE AuthorizationCode c SET c.redeemedAt = :now WHERE c.codeHash = :hash "
                                + "AND c.redeemedAt IS NULL AND c.expiresAt > :now")
                        .setParameter("now", now.atOffset(ZoneOffset.UTC))
                        .setParameter("hash", code.codeHash())
                        .executeUpdate()
                == 1;
    }

    /** Records the family a redemption opened, for a second redemption to revoke. */
    @Transactional(Transactional.TxType.MANDATORY)
    void opened(AuthorizationCode code, String familyId) {
        em.createQuery("UPDATE AuthorizationCode c SET c.familyId = :family WHERE c.codeHash = :hash")
                .setParameter("family", familyId)
                .setParameter("hash", code.codeHash())
                .executeUpdate();
    }

    /** The family the code opened, as committed by whoever redeemed it. */
    Optional<String> familyOpenedBy(AuthorizationCode code) {
        return em.createQuery("SELECT c.familyId FROM AuthorizationCode c WHERE c.codeHash = :hash", String.class)
                .setParameter("hash", code.codeHash())
                .getResultStream()
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** Codes expired an hour ago: long enough to recognise a replay, then of no use. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeExpired() {
        return em.createQuery("DELETE FROM AuthorizationCode c WHERE c.expiresAt < :before")
                .setParameter("before", Instant.now().minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }
}
