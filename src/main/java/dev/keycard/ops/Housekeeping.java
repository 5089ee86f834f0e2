package dev.keycard.ops;

import dev.keycard.audit.AuditLog;
import dev.keycard.auth.AddressThrottle;
import dev.keycard.oidc.AuthorizationCodes;
import dev.keycard.passkey.Passkeys;
import dev.keycard.revocation.RevocationList;
import dev.keycard.sso.BackchannelLogouts;
import dev.keycard.sso.SsoSessions;
import dev.keycard.token.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/**
 * Deletes what can no longer matter, so the tables do not grow for ever: revocations whose tokens
 * have all expired, families a day past their absolute expiry, audit events past their retention,
 * old per-address failure counts and passkey challenges that expired unused. Every node runs it;
 * the deletes are idempotent.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Inject
    Sessions sessions;

    @Inject
    RevocationList revocations;

    @Inject
    AuditLog audit;

    @Inject
    AddressThrottle throttle;

    @Inject
    SsoSessions ssoSessions;

    @Inject
    BackchannelLogouts backchannel;

    @Inject
    AuthorizationCodes codes;

    @Inject
    Passkeys passkeys;

    @Transactional
    public void purge() {
        int families = sessions.purgeExpired();
        int revoked = revocations.purgeExpired();
        audit.purgeExpired();
        throttle.purgeExpired();
        ssoSessions.endLapsed();
        ssoSessions.purgeExpired();
        backchannel.purgeFinished();
        codes.purgeExpired();
        passkeys.purgeExpired();
        if (families + revoked > 0) {
            LOG.fine(() -> "Purged " + families + " expired token families and " + revoked + " expired revocations");
        }
    }
}
