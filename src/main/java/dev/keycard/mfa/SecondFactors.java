package dev.keycard.mfa;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.passkey.Passkeys;
import dev.keycard.token.Amr;
import dev.keycard.token.Sessions;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import dev.keycard.user.Username;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A user's authenticator app and recovery codes: enrolment, confirmation, use at sign-in, removal,
 * an administrator's reset. Races are settled by the database: a code is accepted by a conditional
 * UPDATE that only one of two parallel attempts can make.
 */
@ApplicationScoped
public class SecondFactors {

    /** Names of the factors, as answers and the audit trail give them. */
    public static final String TOTP = "totp";

    public static final String RECOVERY_CODE = "recovery_code";

    public static final String PASSKEY = "passkey";

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    UserRepository users;

    @Inject
    Passkeys passkeys;

    @Inject
    Sessions sessions;

    @Inject
    @ConfigProperty(name = "keycard.mfa.totp-issuer")
    String issuer;

    /** The account a token's subject names; empty if it is gone. */
    public Optional<User> account(String userId) {
        return users.findById(userId);
    }

    /** The account an administrator names. */
    public Optional<User> named(String username) {
        return Username.parse(username).flatMap(users::find);
    }

    /** A new secret for the app, its URI and that URI's QR code, shown once; not yet a factor. */
    public record Enrolment(String secret, String uri, String qrCode) {
        @Override
        public String toString() {
            return "Enrolment[secret=***]";
        }
    }

    public sealed interface Confirmation {
        /** The app is a factor now; the recovery codes are shown this once. */
        record Confirmed(List<String> recoveryCodes) implements Confirmation {
            @Override
            public String toString() {
                return "Confirmed[recoveryCodes=***]";
            }
        }

        record NothingPending() implements Confirmation {}

        record WrongCode() implements Confirmation {}
    }

    /** A code typed at sign-in. {@code reason} is for the audit trail only. */
    public sealed interface Check {
        record Accepted(Amr amr) implements Check {}

        record Refused(String reason) implements Check {}
    }

    /**
     * Starts an enrolment with a new secret, replacing one not yet confirmed (a QR code scanned on
     * a lost phone must not become a factor later). Empty if an app is confirmed already: it is
     * removed first, after a fresh sign-in.
     */
    @Transactional
    public Optional<Enrolment> enrol(User user) {
        // The user's row orders two enrolments started at once (there may be no app row to lock yet).
        users.lockById(user.id());
        TotpAuthenticator current = em.find(TotpAuthenticator.class, user.id(), LockModeType.PESSIMISTIC_WRITE);
        if (current != null && current.confirmed()) {
            return Optional.empty();
        }
        if (current != null) {
            em.remove(current);
            em.flush();
        }
        String secret = Totp.newSecret();
        em.persist(new TotpAuthenticator(user.id(), secret, Instant.now()));
        String uri = Totp.uri(issuer, user.username(), secret);
        return Optional.of(new Enrolment(secret, uri, Totp.qrCode(uri)));
    }

    /**
     * Confirms a pending enrolment with a code from the app; the code's step is spent, ten new
     * recovery codes replace any earlier ones, and every session of the user but {@code keepSession}
     * ends: one opened by someone who knew only the password must not outlive the new factor.
     */
    @Transactional
    public Confirmation confirm(User user, String code, String keepSession) {
        TotpAuthenticator pending = em.find(TotpAuthenticator.class, user.id(), LockModeType.PESSIMISTIC_WRITE);
        if (pending == null || pending.confirmed()) {
            return new Confirmation.NothingPending();
        }
        Instant now = Instant.now();
        OptionalLong step = Totp.matchingStep(pending.secret(), code, now);
        if (step.isEmpty()) {
            audit.record(AuditType.SECOND_FACTOR_FAILURE, user.username(), user.id(), "wrong code confirming totp");
            return new Confirmation.WrongCode();
        }
        em.createQuery("UPDATE TotpAuthenticator t SET t.confirmedAt = :now, t.lastStep = :step WHERE t.userId = :user")
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("step", step.getAsLong())
                .setParameter("user", user.id())
                .executeUpdate();
        List<String> codes = replaceRecoveryCodes(user.id(), now);
        sessions.revokeAll(user.id(), keepSession);
        audit.record(
                AuditType.SECOND_FACTOR_ADDED,
                user.username(),
                user.id(),
                TOTP + ", " + codes.size() + " recovery codes");
        return new Confirmation.Confirmed(codes);
    }

    /** Removes the app and the recovery codes; false if there was none. */
    @Transactional
    public boolean removeTotp(User user) {
        int removed = em.createQuery("DELETE FROM TotpAuthenticator t WHERE t.userId = :user")
                .setParameter("user", user.id())
                .executeUpdate();
        removeRecoveryCodes(user.id());
        if (removed > 0) {
            audit.record(AuditType.SECOND_FACTOR_REMOVED, user.username(), user.id(), TOTP);
        }
        return removed > 0;
    }

    /**
     * An administrator's reset: the app, the recovery codes and the passkeys go, so that a person who lost them
     * can sign in with the password and enrol again. Audited with who did it.
     */
    @Transactional
    public void reset(User user, String by) {
        em.createQuery("DELETE FROM TotpAuthenticator t WHERE t.userId = :user")
                .setParameter("user", user.id())
                .executeUpdate();
        removeRecoveryCodes(user.id());
        passkeys.removeAll(user.id());
        audit.record(AuditType.SECOND_FACTOR_RESET, user.username(), user.id(), "by " + by);
    }

    /**
     * The second factors a user can sign in with: {@link #TOTP} and, while any is unused,
     * {@link #RECOVERY_CODE}; {@link #PASSKEY} if they registered one (a passkey a user holds is a
     * factor of every sign-in, not only of the passkey's own).
     */
    public List<String> of(String userId) {
        List<String> factors = new ArrayList<>(3);
        TotpAuthenticator app = em.find(TotpAuthenticator.class, userId);
        if (app != null && app.confirmed()) {
            factors.add(TOTP);
            if (recoveryCodesLeft(userId) > 0) {
                factors.add(RECOVERY_CODE);
            }
        }
        if (passkeys.count(userId) > 0) {
            factors.add(PASSKEY);
        }
        return factors;
    }

    /** Which second factors users have, by name, for an administrator's list: only users with one. */
    public Map<String, List<String>> byUser() {
        Map<String, List<String>> factors = new TreeMap<>();
        em.createQuery(
                        "SELECT u.username FROM User u, TotpAuthenticator t"
                                + " WHERE t.userId = u.id AND t.confirmedAt IS NOT NULL",
                        String.class)
                .getResultList()
                .forEach(name ->
                        factors.computeIfAbsent(name, n -> new ArrayList<>()).add(TOTP));
        em.createQuery("SELECT DISTINCT u.username FROM User u, Passkey p WHERE p.userId = u.id", String.class)
                .getResultList()
                .forEach(name ->
                        factors.computeIfAbsent(name, n -> new ArrayList<>()).add(PASSKEY));
        return factors;
    }

    public long recoveryCodesLeft(String userId) {
        return em.createQuery(
                        "SELECT COUNT(c) FROM RecoveryCode c WHERE c.userId = :user AND c.usedAt IS NULL", Long.class)
                .setParameter("user", userId)
                .getSingleResult();
    }

    /**
     * Checks a code typed at sign-in: an app's code of a step not yet used, or an unused recovery
     * code. Each is spent by a conditional UPDATE, so a code works once even when sent twice at once.
     */
    @Transactional
    public Check verify(User user, String code) {
        Instant now = Instant.now();
        if (code != null && Totp.CODE.matcher(code).matches()) {
            TotpAuthenticator app = em.find(TotpAuthenticator.class, user.id());
            OptionalLong step =
                    app == null || !app.confirmed() ? OptionalLong.empty() : Totp.matchingStep(app.secret(), code, now);
            if (step.isEmpty()) {
                return refused(user, "wrong totp code");
            }
            int spent = em.createQuery("UPDATE TotpAuthenticator t SET t.lastStep = :step"
                            + " WHERE t.userId = :user AND (t.lastStep IS NULL OR t.lastStep < :step)")
                    .setParameter("step", step.getAsLong())
                    .setParameter("user", user.id())
                    .executeUpdate();
            return spent == 1 ? new Check.Accepted(Amr.passwordAndCode()) : refused(user, "totp code already used");
        }
        Optional<String> hash = RecoveryCodes.hashOf(code);
        int spent = hash.isEmpty()
                ? 0
                : em.createQuery("UPDATE RecoveryCode c SET c.usedAt = :now"
                                + " WHERE c.codeHash = :hash AND c.userId = :user AND c.usedAt IS NULL")
                        .setParameter("now", now.atOffset(ZoneOffset.UTC))
                        .setParameter("hash", hash.get())
                        .setParameter("user", user.id())
                        .executeUpdate();
        if (spent == 0) {
            return refused(user, "wrong or used recovery code");
        }
        audit.record(AuditType.RECOVERY_CODE_USED, user.username(), user.id(), recoveryCodesLeft(user.id()) + " left");
        return new Check.Accepted(Amr.passwordAndCode());
    }

    /** Audited here with its reason; the failed login that follows counts it toward the lock. */
    private Check refused(User user, String reason) {
        audit.record(AuditType.SECOND_FACTOR_FAILURE, user.username(), user.id(), reason);
        return new Check.Refused(reason);
    }

    private List<String> replaceRecoveryCodes(String userId, Instant now) {
        removeRecoveryCodes(userId);
        List<String> codes = RecoveryCodes.generate();
        codes.forEach(code -> em.persist(new RecoveryCode(RecoveryCodes.hash(code), userId, now)));
        return codes;
    }

    private void removeRecoveryCodes(String userId) {
        em.createQuery("DELETE FROM RecoveryCode c WHERE c.userId = :user")
                .setParameter("user", userId)
                .executeUpdate();
    }
}
