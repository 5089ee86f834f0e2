-- Clients become OpenID Connect relying parties too (RFC 7591 metadata). Existing rows are the
-- service clients they always were: client credentials, secret in a Basic header or the form.
ALTER TABLE service_clients ADD COLUMN client_name VARCHAR(200);
ALTER TABLE service_clients ADD COLUMN auth_method VARCHAR(32) DEFAULT 'client_secret_basic' NOT NULL;
ALTER TABLE service_clients ADD COLUMN grant_types VARCHAR(128) DEFAULT 'client_credentials' NOT NULL;
ALTER TABLE service_clients ADD COLUMN scope VARCHAR(256);
ALTER TABLE service_clients ADD COLUMN backchannel_logout_uri VARCHAR(2000);
ALTER TABLE service_clients ADD COLUMN audience VARCHAR(256);
-- A public client (token_endpoint_auth_method "none") has no secret.
ALTER TABLE service_clients ALTER COLUMN secret_hash DROP NOT NULL;

-- Where the authorization endpoint may send a user back, compared byte for byte; in the order given.
-- No key on (client_id, position): JPA writes a changed list's new rows before it deletes the old.
CREATE TABLE client_redirect_uris (
    client_id VARCHAR(64)   NOT NULL REFERENCES service_clients (client_id) ON DELETE CASCADE,
    position  INTEGER       NOT NULL,
    uri       VARCHAR(2000) NOT NULL
);

-- Where RP-initiated logout may send a user afterwards.
CREATE TABLE client_post_logout_uris (
    client_id VARCHAR(64)   NOT NULL REFERENCES service_clients (client_id) ON DELETE CASCADE,
    position  INTEGER       NOT NULL,
    uri       VARCHAR(2000) NOT NULL
);

CREATE INDEX client_redirect_uris_client ON client_redirect_uris (client_id);
CREATE INDEX client_post_logout_uris_client ON client_post_logout_uris (client_id);
