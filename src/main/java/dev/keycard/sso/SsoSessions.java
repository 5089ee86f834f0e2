package dev.keycard.sso;

import dev.keycard.RandomToken;
import dev.keycard.Sha256;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.auth.LoginAttempts;
import dev.keycard.client.ServiceClient;
import dev.keycard.client.ServiceClients;
import dev.keycard.revocation.RevocationList;
import dev.keycard.token.Amr;
import dev.keycard.token.Sessions;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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
     * The browser always gets a new cookie value. If its cookie named a live session of the same
     * user (signing in again for {@code prompt=login} or {@code max_age}), that session goes on
     * under the new value with a new {@code auth_time}, so the applications signed in under it stay
     * reachable by sign-out; a live session of another user in this browser ends.
     */
    @Transactional
    public Optional<Opened> signIn(
            User user, String password, Amr amr, String userAgent, String clientAddress, String currentCookie) {
        if (!attempts.succeeded(user, password)) {
            return Optional.empty();
        }
        String cookie = RandomToken.next();
        Instant now = Instant.now();
        Optional<SsoSession> current = find(currentCookie).filter(session -> session.isLive(now, idleTtl));
        if (current.isPresent() && current.get().userId().equals(user.id())) {
            current.get().reauthenticated(hash(cookie), amr, now);
            return Optional.of(new Opened(current.get(), cookie));
        }
        current.ifPresent(other -> end(other, "another user signed in in the same browser"));
        SsoSession session =
                new SsoSession(hash(cookie), user.id(), amr, now, now.plus(maxTtl), userAgent, clientAddress);
        em.persist(session);
        return Optional.of(new Opened(session, cookie));
    }

    private Optional<SsoSession> find(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 64) {
            return Optional.empty();
        }
        return em.createQuery("SELECT s FROM SsoSession s WHERE s.cookieHash = :hash", SsoSession.class)
                .setParameter("hash", hash(cookie))
                .getResultStream()
                .findFirst();
    }

    /**
     * The live session the cookie names, whose user may still sign in: enabled, and not signed out
     * everywhere since (a race with sign-out everywhere is caught by the user's "not before" time).
     */
    @Transactional
    public Optional<SsoSession> live(String cookie) {
        Instant now = Instant.now();
        Optional<SsoSession> found = find(cookie)
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

    /**
     * The session with this id if it is live, locked until the caller's transaction ends and
     * touched (an application's code exchange or refresh is use of the sign-in). Locked, so that
     * a family opened under it now and the session's end are ordered by the database: either the
     * end sees the family and revokes it, or the caller sees the end. A session found lapsed (idle
     * or past its absolute expiry) is ended here, with everything issued under it.
     */
    @Transactional
    public Optional<SsoSession> keepAlive(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        SsoSession session = em.find(SsoSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (session == null || session.isEnded()) {
            return Optional.empty();
        }
        if (!session.isLive(now, idleTtl)) {
            end(session, "expired");
            return Optional.empty();
        }
        session.used(now);
        return Optional.of(session);
    }

    /**
     * Ends the sessions that have lapsed (idle, or past their absolute expiry) but were never
     * ended, so that what was issued under them is revoked and the applications hear of it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int endLapsed() {
        Instant now = Instant.now();
        List<SsoSession> lapsed = em.createQuery(
                        "SELECT s FROM SsoSession s WHERE s.endedAt IS NULL AND (s.expiresAt <= :now "
                                + "OR s.lastUsedAt <= :idleSince)",
                        SsoSession.class)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("idleSince", now.minus(idleTtl).atOffset(ZoneOffset.UTC))
                .setMaxResults(500)
                .getResultList();
        lapsed.forEach(session -> end(session, "expired"));
        return lapsed.size();
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
        return session.map(s -> end(s, why)).orElse(false);
    }

    /** Every session of a user whose logins all end: in that transaction. */
    void userSignedOutEverywhere(@Observes Sessions.SignedOutEverywhere event) {
        em.createQuery("SELECT s FROM SsoSession s WHERE s.userId = :user AND s.endedAt IS NULL", SsoSession.class)
                .setParameter("user", event.userId())
                .getResultList()
                .forEach(session -> end(session, "every session of the user ended"));
    }

    /**
     * Ends the session once: a conditional UPDATE settles concurrent ends (a sign-out and a
     * sign-out everywhere at once), so only one revokes, audits and queues back-channel logouts.
     */
    private boolean end(SsoSession session, String why) {
        Instant now = Instant.now();
        int ended = em.createQuery("UPDATE SsoSession s SET s.endedAt = :now WHERE s.id = :id AND s.endedAt IS NULL")
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("id", session.id())
                .executeUpdate();
        if (ended != 1) {
            return false;
        }
        List<String> parties = sessions.revokeSsoSession(session.id());
        audit.record(AuditType.SSO_LOGOUT, null, session.userId(), "SSO session " + session.id() + ": " + why);
        for (String clientId : parties) {
            clients.find(clientId)
                    .map(ServiceClient::backchannelLogoutUri)
                    .ifPresent(uri -> backchannel.queue(clientId, uri, session.userId(), session.id(), now));
        }
        return true;
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
