package dev.keycard.auth;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.directory.DirectoryUnavailable;
import dev.keycard.mfa.SecondFactorPolicy;
import dev.keycard.revocation.RevocationList;
import dev.keycard.token.Amr;
import dev.keycard.token.Sessions;
import dev.keycard.token.Sessions.Grant;
import dev.keycard.token.TokenFamily;
import dev.keycard.token.TokenIssuer;
import dev.keycard.token.TokenIssuer.IssuedToken;
import dev.keycard.token.TokenPair;
import dev.keycard.user.DirectoryAccounts;
import dev.keycard.user.DirectoryAccounts.Standing;
import dev.keycard.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A session's life after the password check: opening it, refreshing it, ending it. One transaction
 * each. Refusals are returned, not thrown, so that what a refusal revokes (a reused family) is
 * committed before the caller answers 401.
 */
@ApplicationScoped
public class SignIns {

    @Inject
    Sessions sessions;

    @Inject
    LoginAttempts attempts;

    @Inject
    TokenIssuer issuer;

    @Inject
    RevocationList revocations;

    @Inject
    AuditLog audit;

    @Inject
    DirectoryAccounts directoryAccounts;

    @Inject
    Refreshes refreshes;

    @Inject
    SecondFactorPolicy policy;

    /**
     * Completes a login whose password matched, in one transaction: the account's failure count is
     * cleared ({@link LoginAttempts#succeeded}) and the session opened, or neither. Empty if a
     * parallel attempt locked the account meanwhile: then the login fails. {@code password} is the one
     * typed, for a stronger hash if due; null when none was (a passkey sign-in).
     */
    @Transactional
    public Optional<TokenPair> signIn(User user, String password, Amr amr, String userAgent, String clientAddress) {
        if (!attempts.succeeded(user, password)) {
            return Optional.empty();
        }
        Grant grant = sessions.open(user.id(), amr, userAgent, clientAddress);
        return Optional.of(new TokenPair(access(user, grant.family()), grant));
    }

    /** New tokens, or empty if the refresh token must be refused (invalid_grant). */
    public Optional<TokenPair> refresh(String refreshToken) {
        return refresh(refreshToken, null, (user, grant) -> new TokenPair(access(user, grant.family()), grant));
    }

    /**
     * Rotates a refresh token of {@code clientId}'s families (null: Keycard's own login) and has
     * {@code issue} make the answer for the user it belongs to; empty if the token must be refused
     * (invalid_grant). The same rotation, reuse detection and account checks for every client.
     * <p>
     * A directory user is looked up in the directory first, outside the transaction, so that a
     * slow directory holds no database connection or row lock: {@link DirectoryUnavailable} (503)
     * then, and nothing has changed.
     */
    public <T> Optional<T> refresh(String refreshToken, String clientId, BiFunction<User, Grant, T> issue) {
        Standing standing = directoryAccounts.enabled()
                ? sessions.userOf(refreshToken).map(directoryAccounts::standing).orElse(new Standing.Local())
                : new Standing.Local();
        return refreshes.rotate(refreshToken, clientId, standing, issue);
    }

    /** Ends the caller's login: its family and the presented access token. */
    @Transactional
    public void signOut(String username, String userId, String session, String jti, long expiresAt) {
        audit.record(AuditType.LOGOUT, username, userId, session == null ? null : "family " + session);
        if (session != null) {
            sessions.revoke(session);
        }
        if (jti != null) {
            revocations.revokeToken(jti, TokenIssuer.revokeUntil(expiresAt));
        }
    }

    /** Ends the login a refresh token belongs to (a browser signing out with its cookie). */
    @Transactional
    public void signOutWith(String refreshToken) {
        sessions.familyOf(refreshToken).ifPresent(family -> {
            audit.record(AuditType.LOGOUT, null, null, "family " + family + " (refresh cookie)");
            sessions.revoke(family);
        });
    }

    /** Ends every login of the user and every access token issued to them before now. */
    @Transactional
    public void signOutEverywhere(String username, String userId) {
        audit.record(AuditType.LOGOUT_ALL, username, userId, null);
        sessions.revokeEverything(userId);
    }

    /** Ends one of the user's own logins; false if it is not theirs or not live. */
    @Transactional
    public boolean endSession(String username, String userId, String familyId) {
        Optional<TokenFamily> family = sessions.liveFamily(familyId, userId);
        family.ifPresent(live -> {
            sessions.revoke(live.id());
            audit.record(AuditType.SESSION_ENDED, username, userId, "family " + live.id());
        });
        return family.isPresent();
    }

    /**
     * The access token of a login; with the enrolment role alone if the user's roles require a
     * second factor this login did not have ({@link SecondFactorPolicy}).
     */
    private IssuedToken access(User user, TokenFamily family) {
        return issuer.issue(
                user.id(),
                user.username(),
                policy.rolesFor(user.roles(), family.amr()),
                user.attributes(),
                family.id(),
                family.authTime(),
                family.amr());
    }
}
