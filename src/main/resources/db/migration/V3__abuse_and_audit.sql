-- Users and abuse: account locks, per-address failure counters, user attributes, audit events.

ALTER TABLE users ADD COLUMN failed_logins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE users ADD COLUMN lock_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE users ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;

-- Extra claims an administrator attaches to a user; they go into the user's access tokens.
CREATE TABLE user_attributes (
    user_id VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    attr_name  VARCHAR(32)  NOT NULL,
    attr_value VARCHAR(256) NOT NULL,
    PRIMARY KEY (user_id, attr_name)
);

-- Failed logins per client address and fixed time window, shared by every node.
CREATE TABLE login_failures (
    client_address VARCHAR(64) NOT NULL,
    window_start   TIMESTAMP WITH TIME ZONE NOT NULL,
    failures       INTEGER NOT NULL,
    PRIMARY KEY (client_address, window_start)
);

CREATE TABLE audit_events (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    type           VARCHAR(32)  NOT NULL,
    username       VARCHAR(64),
    subject        VARCHAR(64),
    client_address VARCHAR(64),
    request_id     VARCHAR(64),
    detail         VARCHAR(256)
);
CREATE INDEX audit_events_time ON audit_events (occurred_at);
CREATE INDEX audit_events_user ON audit_events (username, occurred_at);
