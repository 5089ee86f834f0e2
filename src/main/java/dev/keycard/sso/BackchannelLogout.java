package dev.keycard.sso;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A back-channel logout still to deliver, or delivered, or given up on: the queue's row. */
@Entity
@Table(name = "backchannel_logouts")
public class BackchannelLogout {

    @Id
    private String id;

    @Column(name = "client_id")
    private String clientId;

    private String uri;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "sso_session_id")
    private String ssoSessionId;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    private int attempts;

    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;

    @Column(name = "delivered_at")
    private OffsetDateTime deliveredAt;

    @Column(name = "abandoned_at")
    private OffsetDateTime abandonedAt;

    protected BackchannelLogout() {}

    BackchannelLogout(String clientId, String uri, String userId, String ssoSessionId, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.clientId = clientId;
        this.uri = uri;
        this.userId = userId;
        this.ssoSessionId = ssoSessionId;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        this.nextAttemptAt = createdAt;
    }

    String id() {
        return id;
    }

    String clientId() {
        return clientId;
    }

    String uri() {
        return uri;
    }

    String userId() {
        return userId;
    }

    String ssoSessionId() {
        return ssoSessionId;
    }

    Instant createdAt() {
        return createdAt.toInstant();
    }

    int attempts() {
        return attempts;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt.toInstant();
    }

    boolean isFinished() {
        return deliveredAt != null || abandonedAt != null;
    }

    void delivered(Instant now) {
        deliveredAt = now.atOffset(ZoneOffset.UTC);
    }

    void abandoned(Instant now) {
        abandonedAt = now.atOffset(ZoneOffset.UTC);
    }

    void retryAt(Instant when) {
        nextAttemptAt = when.atOffset(ZoneOffset.UTC);
    }
}
