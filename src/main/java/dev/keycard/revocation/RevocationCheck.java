package dev.keycard.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether a token that passed its signature and claim checks has been revoked since it was issued:
 * the one thing a stateless check cannot know. A memory lookup, so that every request can afford it.
 */
@ApplicationScoped
public class RevocationCheck {

    @Inject
    RevocationList revocations;

    @Inject
    RevocationMetrics metrics;

    public boolean revoked(JsonWebToken jwt) {
        Revocation.Kind revoked =
                revocations.revokedBy(jwt.getTokenID(), jwt.getClaim("sid"), jwt.getSubject(), jwt.getIssuedAtTime());
        if (revoked == null) {
            return false;
        }
        metrics.rejected(revoked);
        return true;
    }
}
