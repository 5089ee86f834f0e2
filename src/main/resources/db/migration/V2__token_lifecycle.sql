-- Token lifecycle: refresh-token families, their tokens, and revocations.

-- One family per login (a device session). Every refresh token and every access token minted
-- from the login belongs to it; access tokens name it in their "sid" claim.
CREATE TABLE token_families (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id        VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    auth_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    user_agent     VARCHAR(256),
    client_address VARCHAR(64)
);
CREATE INDEX token_families_user ON token_families (user_id);

-- Refresh tokens are stored only as SHA-256 hashes (base64url). A token is spent exactly once:
-- rotation is a conditional UPDATE ... WHERE spent_at IS NULL, which one transaction wins.
CREATE TABLE refresh_tokens (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    family_id  VARCHAR(36) NOT NULL REFERENCES token_families (id) ON DELETE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    spent_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- What every node must refuse before a token's expiry: one access token (kind 'jti'), every
-- access token of a family ('sid'), or every access token of a user issued before not_before
-- ('user'). Rows are useless once expires_at (the latest expiry of what they revoke) has passed.
CREATE TABLE revocations (
    id         VARCHAR(36) NOT NULL PRIMARY KEY,
    kind       VARCHAR(8)  NOT NULL,
    target     VARCHAR(64) NOT NULL,
    not_before TIMESTAMP WITH TIME ZONE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX revocations_created ON revocations (created_at);
