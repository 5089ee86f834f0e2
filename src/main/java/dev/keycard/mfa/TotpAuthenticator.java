package dev.keycard.mfa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A user's authenticator app: its secret, and whether a first code confirmed the app has it. */
@Entity
@Table(name = "totp_authenticators")
public class TotpAuthenticator {

    @Id
    @Column(name = "user_id")
    private String userId;

    private String secret;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "confirmed_at")
    private OffsetDateTime confirmedAt;

    @Column(name = "last_step")
    private Long lastStep;

    protected TotpAuthenticator() {}

    TotpAuthenticator(String userId, String secret, Instant now) {
        this.userId = userId;
        this.secret = secret;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    String userId() {
        return userId;
    }

    String secret() {
        return secret;
    }

    boolean confirmed() {
        return confirmedAt != null;
    }

    Instant confirmedAt() {
        return confirmedAt == null ? null : confirmedAt.toInstant();
    }

    @Override
    public String toString() {
        return "TotpAuthenticator[user=" + userId + ", confirmed=" + confirmed() + "]";
    }
}
