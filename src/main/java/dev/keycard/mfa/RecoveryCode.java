package dev.keycard.mfa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One recovery code, by its hash only; spent by a conditional UPDATE of {@code used_at}. */
@Entity
@Table(name = "recovery_codes")
public class RecoveryCode {

    @Id
    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    protected RecoveryCode() {}

    RecoveryCode(String codeHash, String userId, Instant now) {
        this.codeHash = codeHash;
        this.userId = userId;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }
}
