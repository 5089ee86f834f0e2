-- Second factors (docs/second-factors.md). Only tables and nullable columns are added, so a node of
-- the previous version keeps working during a rolling update (it knows no second factors).

-- How each login was made (RFC 8176 method names, space-separated: "pwd otp mfa"): every token of
-- the login carries it as "amr", and the ID token's "acr" follows from it. NULL in rows from before
-- this version: a password.
ALTER TABLE token_families ADD COLUMN amr VARCHAR(64);
ALTER TABLE sso_sessions ADD COLUMN amr VARCHAR(64);
ALTER TABLE authorization_codes ADD COLUMN amr VARCHAR(64);

-- A user's authenticator app (RFC 6238). The secret is base32, as the app reads it; it is needed
-- in clear to compute the codes, so it is never returned after enrolment and never logged.
-- confirmed_at is NULL until a first code proves the app has the secret: an unconfirmed one is
-- not a factor. last_step is the time step of the last accepted code: a code of that step or an
-- earlier one is refused, so a code works once (a conditional UPDATE settles two at once).
CREATE TABLE totp_authenticators (
    user_id      VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at TIMESTAMP WITH TIME ZONE,
    last_step    BIGINT
);

-- Recovery codes, ten per confirmation, stored only as SHA-256 hashes (each holds 80 random bits:
-- a slow hash would add nothing but cost). used_at is set once by a conditional UPDATE.
CREATE TABLE recovery_codes (
    code_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id    VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- Roles whose users must sign in with a second factor, as an administrator switched them on (the
-- setting keycard.mfa.required-roles adds more that no administrator can switch off).
CREATE TABLE second_factor_roles (
    role       VARCHAR(32) NOT NULL PRIMARY KEY,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A sign-in at the hosted page whose password matched and which waits for the second factor: the
-- page carries a random ticket instead of the password to its second step. Stored as a SHA-256
-- hash, lives five minutes, deleted when the sign-in completes; wrong codes sent with it count
-- toward the account's lock like wrong passwords.
CREATE TABLE second_factor_tickets (
    ticket_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id     VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX second_factor_tickets_expiry ON second_factor_tickets (expires_at);
