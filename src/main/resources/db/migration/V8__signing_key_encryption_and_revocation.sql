-- Signing keys encrypted at rest, and revoked at once.
-- kek_id: the id of the key-encryption key that seals private_key (KeyEncryption: AES-256-GCM,
-- private_key then holds nonce || ciphertext || tag of the PKCS#8 bytes under a random data key,
-- and data_key that data key wrapped by the key-encryption key, both base64). NULL: private_key is
-- PKCS#8 in clear, as before; Keycard encrypts such rows at start once a key-encryption key is set.
-- revoked_at: when an administrator revoked the key; a revoked key is neither published nor used
-- to sign again, whatever its times say. Only columns are added, so a node of the previous version
-- keeps working during a rolling update (it ignores revocations and cannot read encrypted keys:
-- docs/keys.md says to set the key-encryption key and to revoke only once every node runs this one).
ALTER TABLE signing_keys ADD COLUMN kek_id VARCHAR(16);
ALTER TABLE signing_keys ADD COLUMN data_key VARCHAR(128);
ALTER TABLE signing_keys ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
