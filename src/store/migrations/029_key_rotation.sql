-- The keys that personal data is sealed and hashed under, by their public id (never the key):
-- a key is in use from the first start that encrypts with it until a rotation has moved every
-- value off it. Linli refuses to start without every key still in use.
CREATE TABLE cipher_keys (
  key_id      text PRIMARY KEY,
  first_used  timestamptz NOT NULL DEFAULT now(),
  retired_at  timestamptz
);

-- How far `linli keys rotate` has come, per table, towards one key: a rotation killed half way
-- goes on from the last row it finished.
CREATE TABLE key_rotation_progress (
  target_key_id  text NOT NULL,
  table_name     text NOT NULL,
  last_id        bigint NOT NULL DEFAULT 0,
  resealed       bigint NOT NULL DEFAULT 0,
  done_at        timestamptz,
  PRIMARY KEY (target_key_id, table_name)
);
