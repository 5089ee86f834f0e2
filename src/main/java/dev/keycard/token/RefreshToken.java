package dev.keycard.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A refresh token as stored: only its SHA-256 hash, never the token. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "family_id")
    private String familyId;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "spent_at")
    private OffsetDateTime spentAt;

    protected RefreshToken() {}

    RefreshToken(String tokenHash, String familyId, Instant now, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        this.expiresAt = expiresAt.atOffset(ZoneOffset.UTC);
    }

    String familyId() {
        return familyId;
    }

    Instant spentAt() {
        return spentAt == null ? null : spentAt.toInstant();
    }
}
