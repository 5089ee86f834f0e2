package dev.keycard.oauth2;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.bearer.BearerTokens;
import dev.keycard.revocation.RevocationList;
import dev.keycard.token.Sessions;
import dev.keycard.token.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * RFC 7009: a refresh token revokes its family; an access token that Keycard signed (checked here,
 * since the endpoint is public, with any key Keycard publishes) is revoked until it expires. Anything else is ignored. The two kinds
 * of token cannot be confused, so {@code token_type_hint} is not needed.
 */
@ApplicationScoped
public class TokenRevocation {

    @Inject
    Sessions sessions;

    @Inject
    BearerTokens tokens;

    @Inject
    RevocationList revocations;

    @Inject
    AuditLog audit;

    @Transactional
    public void revoke(String token) {
        if (token.length() <= Sessions.MAX_REFRESH_TOKEN_CHARS && token.indexOf('.') < 0) {
            sessions.familyOf(token).ifPresent(family -> {
                sessions.revoke(family);
                audit.record(AuditType.TOKEN_REVOKED, null, null, "refresh token of family " + family);
            });
            return;
        }
        tokens.verified(token).filter(live -> live.getTokenID() != null).ifPresent(live -> {
            revocations.revokeToken(live.getTokenID(), TokenIssuer.revokeUntil(live.getExpirationTime()));
            audit.record(AuditType.TOKEN_REVOKED, null, null, "access token " + live.getTokenID());
        });
    }
}
