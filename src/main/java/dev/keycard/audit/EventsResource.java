package dev.keycard.audit;

import dev.keycard.problem.ProblemException;
import dev.keycard.problem.QueryParameters;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/admin/events?user=&type=&since=&limit=}: recent security events, newest first,
 * so that "who signed in as alice yesterday" needs no log files.
 */
@Path("api/admin/events")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class EventsResource {

    static final int MAX_LIMIT = 1000;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    @Inject
    AuditLog audit;

    @GET
    @RolesAllowed("admin")
    public List<Event> events(
            @QueryParam("user") String user,
            @QueryParam("type") String type,
            @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("100") String limitText) {
        int limit = QueryParameters.wholeNumber(limitText, "limit");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be 1 to " + MAX_LIMIT + ".");
        }
        AuditType kind = type == null
                ? null
                : AuditType.parse(type)
                        .orElseThrow(() -> ProblemException.badRequest("type must be one of "
                                + java.util.Arrays.stream(AuditType.values())
                                        .map(AuditType::code)
                                        .toList() + "."));
        Instant from;
        try {
            from = since == null ? Instant.now().minus(Duration.ofDays(1)) : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("since must be an ISO 8601 instant such as 2026-11-27T00:00:00Z.");
        }
        if (from.isBefore(EARLIEST) || from.isAfter(Instant.now().plus(Duration.ofDays(1)))) {
            throw ProblemException.badRequest("since must lie between 2000 and tomorrow.");
        }
        // Usernames are stored in their canonical form (NFKC, lower case).
        String username = user == null
                ? null
                : Normalizer.normalize(user, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return audit.search(username, kind, from, limit).stream().map(Event::of).toList();
    }

    public record Event(
            Instant time,
            String type,
            String username,
            String subject,
            String clientAddress,
            String requestId,
            String detail) {

        static Event of(AuditEvent e) {
            return new Event(
                    e.occurredAt(), e.type(), e.username(), e.subject(), e.clientAddress(), e.requestId(), e.detail());
        }
    }
}
