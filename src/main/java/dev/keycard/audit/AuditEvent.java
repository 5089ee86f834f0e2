package dev.keycard.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One security event. Never holds a password, a hash or a token. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    private String id;

    @Column(name = "occurred_at")
    private OffsetDateTime occurredAt;

    private String type;

    private String username;

    private String subject;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "request_id")
    private String requestId;

    private String detail;

    protected AuditEvent() {}

    AuditEvent(AuditType type, String username, String subject, String clientAddress, String requestId, String detail) {
        this.id = UUID.randomUUID().toString();
        this.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.type = type.code();
        this.username = username == null || username.length() <= 64 ? username : username.substring(0, 64);
        this.subject = subject;
        this.clientAddress = clientAddress;
        this.requestId = requestId;
        this.detail = detail == null || detail.length() <= 256 ? detail : detail.substring(0, 256);
    }

    public Instant occurredAt() {
        return occurredAt.toInstant();
    }

    public String type() {
        return type;
    }

    public String username() {
        return username;
    }

    public String subject() {
        return subject;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String requestId() {
        return requestId;
    }

    public String detail() {
        return detail;
    }
}
