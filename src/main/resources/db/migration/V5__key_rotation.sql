-- Key rotation. A key's state follows from its times, so every node computes the same one
-- without coordination: published from created_at ("next"), signing from activates_at until the
-- next key activates ("active"), then published until every token it signed has expired
-- ("retired"), then no longer ("removed").
ALTER TABLE signing_keys ADD COLUMN activates_at TIMESTAMP WITH TIME ZONE;
UPDATE signing_keys SET activates_at = created_at;
ALTER TABLE signing_keys ALTER COLUMN activates_at SET NOT NULL;
