package dev.keycard.auth;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.auth.SignInMetrics.RefreshOutcome;
import dev.keycard.revocation.RevocationList;
import dev.keycard.token.Sessions;
import dev.keycard.token.Sessions.Grant;
import dev.keycard.token.Sessions.Rotation;
import dev.keycard.token.TokenFamily;
import dev.keycard.user.DirectoryAccounts;
import dev.keycard.user.DirectoryAccounts.Standing;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The transaction of a refresh ({@link SignIns#refresh}): the rotation, then whether the user may
 * still have tokens. Refusals are returned, not thrown, so that what a refusal revokes (a reused
 * family, every session of a user the directory no longer admits) is committed before the caller
 * answers 401.
 */
@ApplicationScoped
public class Refreshes {

    @Inject
    Sessions sessions;

    @Inject
    UserRepository users;

    @Inject
    RevocationList revocations;

    @Inject
    DirectoryAccounts directoryAccounts;

    @Inject
    AuditLog audit;

    @Inject
    SignInMetrics metrics;

    /** {@code standing}: what the directory said of the token's user just before (Local if not asked). */
    @Transactional
    public <T> Optional<T> rotate(
            String refreshToken, String clientId, Standing standing, BiFunction<User, Grant, T> issue) {
        Rotation rotation = sessions.rotate(refreshToken, clientId);
        if (!(rotation instanceof Rotation.Rotated rotated)) {
            metrics.refresh(
                    rotation instanceof Rotation.Reused
                            ? RefreshOutcome.reuse_detected
                            : rotation instanceof Rotation.Replayed ? RefreshOutcome.replayed : RefreshOutcome.invalid);
            return Optional.empty();
        }
        TokenFamily family = rotated.grant().family();
        Optional<User> user = users.findForToken(family.userId()).filter(User::enabled);
        // A login that raced a sign-out-everywhere, reset or disable may have committed its family
        // after the revocation looked for families: the user's "not before" time still catches it.
        if (user.isEmpty()
                || revocations.isUserRevoked(family.userId(), family.authTime().getEpochSecond())) {
            sessions.revoke(family.id());
            metrics.refresh(RefreshOutcome.refused);
            return Optional.empty();
        }
        // A directory user removed or disabled there, or with no directory configured any more,
        // is refused, and every session of theirs ends now, not only this one.
        if (!directoryAccounts.settle(user.get().id(), standing)) {
            metrics.refresh(RefreshOutcome.refused);
            return Optional.empty();
        }
        metrics.refresh(RefreshOutcome.success);
        audit.record(
                AuditType.REFRESH,
                user.get().username(),
                user.get().id(),
                "family " + family.id() + (clientId == null ? "" : ", client " + clientId));
        return Optional.of(issue.apply(user.get(), rotated.grant()));
    }
}
