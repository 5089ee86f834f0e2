package dev.keycard.sso;

import dev.keycard.RandomToken;
import dev.keycard.Sha256;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.auth.LoginAttempts;
import dev.keycard.client.ServiceClient;
import dev.keycard.client.ServiceClients;
import dev.keycard.revocation.RevocationList;
import dev.keycard.token.Sessions;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keycard's SSO sessions: opened by a sign-in at the hosted page, found again by the browser's
 * cookie, ended by sign-out (RP-initiated, or from the session list), by the end of every session of
 * the user (sign-out everywhere, password change or reset, disabled or deleted account), or by
 * their idle and absolute lifetimes. Ending one revokes the token families opened under it and
 * queues a back-channel logout for each application that took part.
 */
@ApplicationScoped
public class SsoSessions {

    /** Touching a session on every authorization would write a row per request; a minute is fine enough. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    @Inject
    LoginAttempts attempts;

    @Inject
    Sessions sessions;

    @Inject
    UserRepository users;

    @Inject
    RevocationList revocations;

    @Inject
    ServiceClients clients;

    @Inject
    BackchannelLogouts backchannel;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "keycard.sso.idle-ttl")
    Duration idleTtl;

    @Inject
    @ConfigProperty(name = "keycard.sso.max-ttl")
    Duration maxTtl;

    /** A new session and the cookie value that finds it, which exists only here and in the response. */
    public record Opened(SsoSession session, String cookie) {}

    /**
     * Completes a sign-in whose password matched, in one transaction: the account's failures are
     * cleared and the session opened, or neither (empty if a parallel attempt locked the account).
     */
    @Transactional
    public Optional<Opened> signIn(User user, String password, String userAgent, String clientAddress) {
        if (!attempts.succeeded(user, password)) {
            return Optional.empty();
        }
        String cookie = RandomToken.next();
        Instant now = Instant.now();
        SsoSession session = new SsoSession(hash(cookie), user.id(), now, now.plus(maxTtl), userAgent, clientAddress);
        em.persist(session);
        return Optional.of(new Opened(session, cookie));
    }

    /**
     * The live session the cookie names, whose user may still sign in: enabled, and not signed out
     * everywhere since (a race with sign-out everywhere is caught by the user's "not before" time).
     */
    @Transactional
    public Optional<SsoSession> live(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 64) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<SsoSession> found = em.createQuery(
                        "SELECT s FROM SsoSession s WHERE s.cookieHash = :hash", SsoSession.class)
                .setParameter("hash", hash(cookie))
                .getResultStream()
                .findFirst()
                .filter(session -> session.isLive(now, idleTtl))
                .filter(session -> users.findForToken(session.userId())
                        .filter(User::enabled)
                        .isPresent())
                .filter(session -> !revocations.isUserRevoked(
                        session.userId(), session.authTime().getEpochSecond()));
        found.filter(session -> session.lastUsedAt().plus(TOUCH_EVERY).isBefore(now))
                .ifPresent(session -> session.used(now));
        return found;
    }

    /** Whether the session with this id is live: a code is redeemed only while its sign-in lasts. */
    public boolean isLive(String sessionId) {
        SsoSession session = em.find(SsoSession.class, sessionId);
        return session != null && session.isLive(Instant.now(), idleTtl);
    }

    /** The user's live sessions, most recently used first: for the session list. */
    public List<SsoSession> live(String userId, Instant now) {
        return em.createQuery(
                        "SELECT s FROM SsoSession s WHERE s.userId = :user AND s.endedAt IS NULL "
                                + "AND s.expiresAt > :now ORDER BY s.lastUsedAt DESC",
                        SsoSession.class)
                .setParameter("user", userId)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .getResultStream()
                .filter(session -> session.isLive(now, idleTtl))
                .toList();
    }

    /** Ends the session by id if it is the user's and live; false otherwise. */
    @Transactional
    public boolean end(String sessionId, String userId, String why) {
        Optional<SsoSession> session = Optional.ofNullable(em.find(SsoSession.class, sessionId))
                .filter(s -> s.userId().equals(userId) && !s.isEnded());
        session.ifPresent(s -> end(s, why));
        return session.isPresent();
    }

    /** Every session of a user whose logins all end: in that transaction. */
    void userSignedOutEverywhere(@Observes Sessions.SignedOutEverywhere event) {
        em.createQuery("SELECT s FROM SsoSession s WHERE s.userId = :user AND s.endedAt IS NULL", SsoSession.class)
                .setParameter("user", event.userId())
                .getResultList()
                .forEach(session -> end(session, "every session of the user ended"));
    }

    private void end(SsoSession session, String why) {
        Instant now = Instant.now();
        session.end(now);
        List<String> parties = sessions.revokeSsoSession(session.id());
        audit.record(AuditType.SSO_LOGOUT, null, session.userId(), "SSO session " + session.id() + ": " + why);
        for (String clientId : parties) {
            clients.find(clientId)
                    .map(ServiceClient::backchannelLogoutUri)
                    .ifPresent(uri -> backchannel.queue(clientId, uri, session.userId(), session.id(), now));
        }
    }

    /** Sessions a day past their end or expiry: nothing can use them any more. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeExpired() {
        return em.createQuery("DELETE FROM SsoSession s WHERE s.expiresAt < :before OR s.endedAt < :before")
                .setParameter("before", Instant.now().minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    static String hash(String cookie) {
        return Sha256.base64url(cookie);
    }
}
