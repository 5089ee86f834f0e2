-- Users from an LDAP directory or Active Directory (docs/directory.md).
-- directory_id: the person's stable id in the directory (entryUUID, objectGUID), base64url of its
-- bytes; NULL for a local account. Unique, so that one person is one Keycard user whatever their
-- name becomes. Such a user's password_hash is a marker that no password matches: the password is
-- checked by binding to the directory, never stored. Only a column is added, so a node of the
-- previous version keeps working during a rolling update (it cannot sign directory users in).
ALTER TABLE users ADD COLUMN directory_id VARCHAR(255);
ALTER TABLE users ADD CONSTRAINT users_directory_id_unique UNIQUE (directory_id);
-- The wrong binds Keycard has sent the directory for the person since their last successful
-- sign-in (or the start of the window): Keycard sends no more than keycard.ldap.bind-failure-limit,
-- so that guessing here never locks the person out of the directory. A Keycard lock ending does
-- not reset it.
ALTER TABLE users ADD COLUMN bind_failures INT DEFAULT 0 NOT NULL;
ALTER TABLE users ADD COLUMN bind_failures_since TIMESTAMP WITH TIME ZONE;
