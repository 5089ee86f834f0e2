-- Service clients (machine-to-machine, OAuth 2.0 client credentials). Secrets are 256 random
-- bits shown once at creation; only their SHA-256 hash is stored.
CREATE TABLE service_clients (
    client_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    secret_hash VARCHAR(64) NOT NULL,
    enabled     BOOLEAN     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE service_client_roles (
    client_id VARCHAR(64) NOT NULL REFERENCES service_clients (client_id) ON DELETE CASCADE,
    role      VARCHAR(64) NOT NULL,
    PRIMARY KEY (client_id, role)
);
