package dev.keycard.audit;

import dev.keycard.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The audit trail: every security event is one JSON line on the {@code dev.keycard.audit} logger
 * (for log pipelines) and one row in {@code audit_events} (for {@code GET /api/admin/events}),
 * kept for {@code keycard.audit.retention}. Callers pass names and ids only: never a password, a
 * hash or a token.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("dev.keycard.audit");

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    @Inject
    RequestContext request;

    @Inject
    @ConfigProperty(name = "keycard.audit.retention")
    Duration retention;

    @Transactional
    public void record(AuditType type, String username, String subject, String detail) {
        String requestId = null;
        String client = null;
        try {
            requestId = request.requestId();
            client = request.clientAddress();
        } catch (ContextNotActiveException outsideARequest) {
            // housekeeping and other background work: no request to name
        }
        AuditEvent event = new AuditEvent(type, username, subject, client, requestId, detail);
        em.persist(event);
        LOG.info(json(event));
    }

    public List<AuditEvent> search(String username, AuditType type, Instant since, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEvent e WHERE e.occurredAt >= :since");
        if (username != null) {
            jpql.append(" AND e.username = :username");
        }
        if (type != null) {
            jpql.append(" AND e.type = :type");
        }
        TypedQuery<AuditEvent> query = em.createQuery(
                        jpql.append(" ORDER BY e.occurredAt DESC").toString(), AuditEvent.class)
                .setParameter("since", since.atOffset(ZoneOffset.UTC))
                .setMaxResults(limit);
        if (username != null) {
            query.setParameter("username", username);
        }
        if (type != null) {
            query.setParameter("type", type.code());
        }
        return query.getResultList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeExpired() {
        return em.createQuery("DELETE FROM AuditEvent e WHERE e.occurredAt < :before")
                .setParameter("before", Instant.now().minus(retention).atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    private static String json(AuditEvent event) {
        JsonObjectBuilder line =
                JsonFormat.object().add("time", event.occurredAt().toString()).add("event", event.type());
        add(line, "username", event.username());
        add(line, "subject", event.subject());
        add(line, "client_address", event.clientAddress());
        add(line, "request_id", event.requestId());
        add(line, "detail", event.detail());
        return line.build().toString();
    }

    private static void add(JsonObjectBuilder line, String name, String value) {
        if (value != null) {
            line.add(name, value);
        }
    }
}
