-- One person, several accounts: a code shown privately on one platform links an account on another.
-- Apart from hand-off codes, which are posted in groups and must never join two persons.
CREATE TABLE link_codes (
  code        text PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
