package dev.keycard.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One login (a device session): its refresh tokens rotate inside it; its access tokens carry its id as "sid". */
@Entity
@Table(name = "token_families")
public class TokenFamily {

    @Id
    private String id;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "auth_time")
    private OffsetDateTime authTime;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "client_address")
    private String clientAddress;

    /** The application the family was opened for by a code exchange; null for Keycard's own login. */
    @Column(name = "client_id")
    private String clientId;

    /** The SSO session that signed the user in for that application; null for Keycard's own login. */
    @Column(name = "sso_session_id")
    private String ssoSessionId;

    /** The scope the application was granted; null for Keycard's own login. */
    private String scope;

    /** How the user signed in ({@link Amr#stored()}); null in families from before second factors. */
    private String amr;

    protected TokenFamily() {}

    TokenFamily(String userId, Instant authTime, Amr amr, Instant expiresAt, String userAgent, String clientAddress) {
        this.id = UUID.randomUUID().toString();
        this.amr = amr.stored();
        this.userId = userId;
        this.createdAt = utc(authTime);
        this.lastUsedAt = utc(authTime);
        this.authTime = utc(authTime);
        this.expiresAt = utc(expiresAt);
        this.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(256, userAgent.length()));
        this.clientAddress = clientAddress;
    }

    TokenFamily(
            String userId,
            Sessions.Party party,
            Instant now,
            Instant expiresAt,
            String userAgent,
            String clientAddress) {
        this(userId, party.authTime(), party.amr(), expiresAt, userAgent, clientAddress);
        this.createdAt = utc(now);
        this.lastUsedAt = utc(now);
        this.clientId = party.clientId();
        this.ssoSessionId = party.ssoSessionId();
        this.scope = party.scope();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public Instant lastUsedAt() {
        return lastUsedAt.toInstant();
    }

    public Instant expiresAt() {
        return expiresAt.toInstant();
    }

    public Instant authTime() {
        return authTime.toInstant();
    }

    public String userAgent() {
        return userAgent;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String clientId() {
        return clientId;
    }

    public String ssoSessionId() {
        return ssoSessionId;
    }

    public String scope() {
        return scope;
    }

    public Amr amr() {
        return Amr.parse(amr);
    }

    boolean isLive(Instant now) {
        return revokedAt == null && expiresAt.toInstant().isAfter(now);
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    void used(Instant now) {
        lastUsedAt = utc(now);
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = utc(now);
        }
    }
}
