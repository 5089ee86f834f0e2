package dev.keycard.oidc;

import dev.keycard.token.Amr;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An authorization code as stored: only its hash, with everything the code exchange must match
 * (client, redirect URI, PKCE challenge) and everything the tokens will say (user, SSO session,
 * scope, nonce, auth_time).
 */
@Entity
@Table(name = "authorization_codes")
public class AuthorizationCode {

    @Id
    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "redirect_uri")
    private String redirectUri;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "sso_session_id")
    private String ssoSessionId;

    private String scope;

    private String nonce;

    @Column(name = "code_challenge")
    private String codeChallenge;

    @Column(name = "auth_time")
    private OffsetDateTime authTime;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "redeemed_at")
    private OffsetDateTime redeemedAt;

    @Column(name = "family_id")
    private String familyId;

    /** How the user signed in to the SSO session the code came from ({@link Amr#stored()}). */
    private String amr;

    protected AuthorizationCode() {}

    AuthorizationCode(
            String codeHash,
            AuthorizationRequest.Valid request,
            String userId,
            String ssoSessionId,
            Instant authTime,
            Amr amr,
            Instant now,
            Instant expiresAt) {
        this.codeHash = codeHash;
        this.clientId = request.client().clientId();
        this.redirectUri = request.redirectUri();
        this.userId = userId;
        this.ssoSessionId = ssoSessionId;
        this.scope = String.join(" ", request.scopes());
        this.nonce = request.nonce();
        this.codeChallenge = request.codeChallenge();
        this.authTime = authTime.atOffset(ZoneOffset.UTC);
        this.amr = amr.stored();
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        this.expiresAt = expiresAt.atOffset(ZoneOffset.UTC);
    }

    String codeHash() {
        return codeHash;
    }

    String clientId() {
        return clientId;
    }

    String redirectUri() {
        return redirectUri;
    }

    String userId() {
        return userId;
    }

    String ssoSessionId() {
        return ssoSessionId;
    }

    String scope() {
        return scope;
    }

    String nonce() {
        return nonce;
    }

    String codeChallenge() {
        return codeChallenge;
    }

    Instant authTime() {
        return authTime.toInstant();
    }

    Amr amr() {
        return Amr.parse(amr);
    }

    boolean isRedeemed() {
        return redeemedAt != null;
    }

    boolean isExpired(Instant now) {
        return !expiresAt.toInstant().isAfter(now);
    }

    String familyId() {
        return familyId;
    }

    void openedFamily(String familyId) {
        this.familyId = familyId;
    }
}
