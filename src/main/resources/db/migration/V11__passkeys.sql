-- Passkeys (WebAuthn Level 2, docs/passkeys.md). V11, not V10: V10 is the second factor's (TOTP,
-- recovery codes), written at the same time; Flyway applies them in order either way.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
CREATE TABLE passkeys (
    -- Keycard's own id for the passkey, used in /api/me/passkeys/{id}: the credential id is long,
    -- and is the authenticator's, not ours to put in addresses and logs.
    id                       VARCHAR(36)   NOT NULL PRIMARY KEY,
    -- The credential id (base64url) as the authenticator made it, at most 1023 bytes (WebAuthn
    -- §5.8.3). Unique: one credential belongs to one user, registered once.
    credential_id            VARCHAR(1400) NOT NULL,
    -- Cascade: deleting a user deletes their passkeys, so a deleted account has no way back in.
    user_id                  VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The name the user gave it ("laptop"), to tell their passkeys apart.
    name                     VARCHAR(64)   NOT NULL,
    -- The attested credential data (AAGUID, credential id, COSE public key) in base64url, as
    -- webauthn4j's AttestedCredentialDataConverter writes it: what verifies each assertion. Public
    -- key material only; an RSA-4096 key fits with room to spare.
    attested_credential_data VARCHAR(4096) NOT NULL,
    -- The last signature counter seen: a counter that does not grow (when not zero) is refused as
    -- a possible clone of the authenticator.
    sign_count               BIGINT        NOT NULL,
    -- BE flag at registration: a passkey that may be copied (synced) to other devices. False means
    -- device-bound (amr "hwk"), true synced (amr "swk"). WebAuthn forbids it to change afterwards.
    backup_eligible          BOOLEAN       NOT NULL,
    -- BS flag of the last use: the passkey is backed up (synced) now; shown to the user only.
    backed_up                BOOLEAN       NOT NULL,
    -- Transports the browser reported (usb, nfc, ble, hybrid, internal), comma-separated: handed
    -- back in allowCredentials and excludeCredentials so the browser knows where to look.
    transports               VARCHAR(256),
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    -- NULL until the first sign-in with it; shown to the user to spot a passkey not theirs.
    last_used_at             TIMESTAMP WITH TIME ZONE,
    CONSTRAINT passkeys_credential_id_unique UNIQUE (credential_id)
);
CREATE INDEX passkeys_user ON passkeys (user_id);

-- Challenges handed out for a registration or a sign-in, each used once: the verifying
-- transaction deletes the row (a conditional DELETE, so of two responses with one challenge only
-- one passes), and housekeeping purges the expired ones.
CREATE TABLE webauthn_challenges (
    -- SHA-256 of the challenge (base64url), never the challenge itself: 256 random bits need no
    -- slower hash, and a copy of the table does not let anyone answer a challenge.
    challenge_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    -- register or authenticate: a challenge issued for one ceremony is refused in the other.
    purpose        VARCHAR(16) NOT NULL,
    -- The user it was issued to (registration, second factor); NULL for a sign-in with a
    -- discoverable passkey, where the user is known only from the response.
    user_id        VARCHAR(36) REFERENCES users (id) ON DELETE CASCADE,
    -- keycard.passkey.challenge-ttl after it was issued.
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges (expires_at);
