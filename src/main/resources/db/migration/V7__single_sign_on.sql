-- Single sign-on (OpenID Connect). A Keycard SSO session is one sign-in at the hosted page: the
-- browser holds a random value in an HttpOnly cookie, stored here only as its SHA-256 hash; the
-- session's public id is what ID tokens carry as "sid". It ends at its idle or absolute expiry,
-- at sign-out, or when every session of its user ends.
CREATE TABLE sso_sessions (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    cookie_hash    VARCHAR(64)  NOT NULL UNIQUE,
    user_id        VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    auth_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE,
    user_agent     VARCHAR(256),
    client_address VARCHAR(64)
);
CREATE INDEX sso_sessions_user ON sso_sessions (user_id);

-- A token family opened by an application's code exchange belongs to that client and to the SSO
-- session that signed the user in; ending the SSO session revokes it. Families of Keycard's own
-- login have neither.
ALTER TABLE token_families ADD COLUMN client_id VARCHAR(64);
ALTER TABLE token_families ADD COLUMN sso_session_id VARCHAR(36);
ALTER TABLE token_families ADD COLUMN scope VARCHAR(256);
CREATE INDEX token_families_sso_session ON token_families (sso_session_id);

-- Authorization codes, stored only as SHA-256 hashes, live 60 seconds and are redeemed once: a
-- conditional UPDATE ... WHERE redeemed_at IS NULL settles races. family_id is the family the
-- redemption opened, which a second redemption revokes (RFC 6749 §4.1.2).
CREATE TABLE authorization_codes (
    code_hash      VARCHAR(64)   NOT NULL PRIMARY KEY,
    client_id      VARCHAR(64)   NOT NULL,
    redirect_uri   VARCHAR(2000) NOT NULL,
    user_id        VARCHAR(36)   NOT NULL,
    sso_session_id VARCHAR(36)   NOT NULL,
    scope          VARCHAR(256)  NOT NULL,
    nonce          VARCHAR(256),
    code_challenge VARCHAR(64),
    auth_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at    TIMESTAMP WITH TIME ZONE,
    family_id      VARCHAR(36)
);
CREATE INDEX authorization_codes_expiry ON authorization_codes (expires_at);

-- Back-channel logout deliveries still to make: one row per client that took part in an ended SSO
-- session. Kept in the database so a restart loses none; a node claims a row by moving
-- next_attempt_at forward with a conditional UPDATE, so two nodes never send the same one at once.
-- The logout token is signed when it is sent, never stored.
CREATE TABLE backchannel_logouts (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    client_id       VARCHAR(64)   NOT NULL,
    uri             VARCHAR(2000) NOT NULL,
    user_id         VARCHAR(36)   NOT NULL,
    sso_session_id  VARCHAR(36)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    abandoned_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX backchannel_logouts_due ON backchannel_logouts (next_attempt_at);
