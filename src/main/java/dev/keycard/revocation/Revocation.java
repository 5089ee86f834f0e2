package dev.keycard.revocation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A row of the revocations table: what every node must refuse until {@code expiresAt}. */
@Entity
@Table(name = "revocations")
public class Revocation {

    enum Kind {
        jti,
        sid,
        user
    }

    @Id
    private String id;

    private String kind;

    private String target;

    @Column(name = "not_before")
    private OffsetDateTime notBefore;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected Revocation() {}

    Revocation(Kind kind, String target, Instant notBefore, Instant expiresAt) {
        this.id = java.util.UUID.randomUUID().toString();
        this.kind = kind.name();
        this.target = target;
        this.notBefore = notBefore == null ? null : notBefore.atOffset(ZoneOffset.UTC);
        this.expiresAt = expiresAt.atOffset(ZoneOffset.UTC);
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    Kind kind() {
        return Kind.valueOf(kind);
    }

    String target() {
        return target;
    }

    long notBefore() {
        return notBefore == null ? 0 : notBefore.toEpochSecond();
    }

    long expiresAt() {
        return expiresAt.toEpochSecond();
    }
}
