package dev.keycard.passkey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A registered passkey: the public half of a WebAuthn credential, and what each sign-in changes
 * (signature counter, backup state, last use). Never serialised: {@link PasskeyView} is what the
 * user sees, without key material.
 */
@Entity
@Table(name = "passkeys")
public class Passkey {

    @Id
    private String id;

    @Column(name = "credential_id")
    private String credentialId;

    @Column(name = "user_id")
    private String userId;

    private String name;

    @Column(name = "attested_credential_data")
    private String attestedCredentialData;

    @Column(name = "sign_count")
    private long signCount;

    @Column(name = "backup_eligible")
    private boolean backupEligible;

    @Column(name = "backed_up")
    private boolean backedUp;

    private String transports;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    protected Passkey() {}

    Passkey(
            String credentialId,
            String userId,
            String name,
            String attestedCredentialData,
            long signCount,
            boolean backupEligible,
            boolean backedUp,
            String transports,
            Instant now) {
        this.id = UUID.randomUUID().toString();
        this.credentialId = credentialId;
        this.userId = userId;
        this.name = name;
        this.attestedCredentialData = attestedCredentialData;
        this.signCount = signCount;
        this.backupEligible = backupEligible;
        this.backedUp = backedUp;
        this.transports = transports;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    String id() {
        return id;
    }

    String credentialId() {
        return credentialId;
    }

    String userId() {
        return userId;
    }

    String name() {
        return name;
    }

    String attestedCredentialData() {
        return attestedCredentialData;
    }

    long signCount() {
        return signCount;
    }

    boolean backupEligible() {
        return backupEligible;
    }

    boolean backedUp() {
        return backedUp;
    }

    /** Comma-separated, as stored; empty when the browser named none. */
    String transports() {
        return transports == null ? "" : transports;
    }

    Instant createdAt() {
        return createdAt.toInstant();
    }

    Instant lastUsedAt() {
        return lastUsedAt == null ? null : lastUsedAt.toInstant();
    }

    void rename(String name) {
        this.name = name;
    }

    /** After a verified assertion: the counter and backup state it carried, and when. */
    void used(long signCount, boolean backedUp, Instant now) {
        this.signCount = signCount;
        this.backedUp = backedUp;
        this.lastUsedAt = now.atOffset(ZoneOffset.UTC);
    }
}
