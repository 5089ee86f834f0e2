package dev.keycard.mfa;

import dev.keycard.RandomToken;
import dev.keycard.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Sign-ins at the hosted page between the password and the second factor. The page's second step
 * carries a random ticket, never the password; the ticket names the user for five minutes and ends
 * when the sign-in completes. Only its hash is stored.
 */
@ApplicationScoped
public class PendingSignIns {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    /** A ticket for the user's second step; expired tickets of anyone are cleared on the way. */
    @Transactional
    public String open(String userId) {
        Instant now = Instant.now();
        em.createNativeQuery("DELETE FROM second_factor_tickets WHERE expires_at < ?")
                .setParameter(1, utc(now))
                .executeUpdate();
        String ticket = RandomToken.next();
        em.createNativeQuery("INSERT INTO second_factor_tickets (ticket_hash, user_id, expires_at) VALUES (?, ?, ?)")
                .setParameter(1, Sha256.base64url(ticket))
                .setParameter(2, userId)
                .setParameter(3, utc(now.plus(LIFETIME)))
                .executeUpdate();
        return ticket;
    }

    /** Whose sign-in the ticket continues, while it lives. */
    public Optional<String> userOf(String ticket) {
        if (ticket == null || ticket.length() > RandomToken.MAX_CHARS) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object> users = em.createNativeQuery(
                        "SELECT user_id FROM second_factor_tickets WHERE ticket_hash = ? AND expires_at > ?")
                .setParameter(1, Sha256.base64url(ticket))
                .setParameter(2, utc(Instant.now()))
                .getResultList();
        return users.stream().map(String::valueOf).findFirst();
    }

    /** Ends the ticket: the sign-in it carried is complete. */
    @Transactional
    public void close(String ticket) {
        em.createNativeQuery("DELETE FROM second_factor_tickets WHERE ticket_hash = ?")
                .setParameter(1, Sha256.base64url(ticket))
                .executeUpdate();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
