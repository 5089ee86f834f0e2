package dev.keycard.revocation;

import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a revoked access token on the very next request. MicroProfile JWT has already checked
 * the signature and the claims; this adds the one thing a stateless check cannot know.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class RevocationCheck implements ContainerRequestFilter {

    @Inject
    RevocationList revocations;

    @Inject
    RevocationMetrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (!(caller instanceof JsonWebToken jwt)) {
            return;
        }
        Revocation.Kind revoked =
                revocations.revokedBy(jwt.getTokenID(), jwt.getClaim("sid"), jwt.getSubject(), jwt.getIssuedAtTime());
        if (revoked != null) {
            metrics.rejected(revoked);
            throw new ProblemException(
                    ProblemType.TOKEN_REVOKED,
                    "The access token has been revoked.",
                    HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"keycard\", error=\"invalid_token\", error_description=\"The access token has been revoked\"");
        }
    }
}
