package dev.keycard.sso;

import dev.keycard.token.Amr;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One sign-in at Keycard's hosted page: while it lives, any application that sends the user to
 * Keycard gets them back signed in without a password. The browser holds a random value in a
 * cookie; only its hash is stored. {@link #id()} is public: ID tokens carry it as {@code sid}.
 */
@Entity
@Table(name = "sso_sessions")
public class SsoSession {

    @Id
    private String id;

    @Column(name = "cookie_hash")
    private String cookieHash;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "auth_time")
    private OffsetDateTime authTime;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "ended_at")
    private OffsetDateTime endedAt;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "client_address")
    private String clientAddress;

    /** How the user signed in ({@link Amr#stored()}); null in sessions from before second factors. */
    private String amr;

    protected SsoSession() {}

    SsoSession(
            String cookieHash,
            String userId,
            Amr amr,
            Instant now,
            Instant expiresAt,
            String userAgent,
            String address) {
        this.id = UUID.randomUUID().toString();
        this.amr = amr.stored();
        this.cookieHash = cookieHash;
        this.userId = userId;
        this.authTime = utc(now);
        this.lastUsedAt = utc(now);
        this.expiresAt = utc(expiresAt);
        this.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(256, userAgent.length()));
        this.clientAddress = address;
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

    /** When the user typed the password: the ID token's {@code auth_time}, what {@code max_age} measures. */
    public Instant authTime() {
        return authTime.toInstant();
    }

    public Amr amr() {
        return Amr.parse(amr);
    }

    public Instant lastUsedAt() {
        return lastUsedAt.toInstant();
    }

    public Instant expiresAt() {
        return expiresAt.toInstant();
    }

    public String userAgent() {
        return userAgent;
    }

    public String clientAddress() {
        return clientAddress;
    }

    /** Not ended, not past its absolute expiry, and used within the idle lifetime. */
    boolean isLive(Instant now, Duration idle) {
        return endedAt == null
                && expiresAt.toInstant().isAfter(now)
                && lastUsedAt.toInstant().plus(idle).isAfter(now);
    }

    boolean isEnded() {
        return endedAt != null;
    }

    void used(Instant now) {
        lastUsedAt = utc(now);
    }

    /** Signed in again in the same browser: a new cookie value, a new auth_time, the same session. */
    void reauthenticated(String cookieHash, Amr amr, Instant now) {
        this.cookieHash = cookieHash;
        this.amr = amr.stored();
        this.authTime = utc(now);
        this.lastUsedAt = utc(now);
    }
}
