-- A resident's own request to delete their personal data: asked once, then confirmed with the next message.
CREATE TABLE erasure_requests (
  id           bigserial PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  inbound_id   bigint NOT NULL REFERENCES inbound_messages(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  done_at      timestamptz
);
CREATE INDEX erasure_requests_account ON erasure_requests (account_id, id);

-- What an erasure keeps, it keeps anonymised: the rows stay for the counts, the personal data goes.
ALTER TABLE persons ADD COLUMN erased_at timestamptz;
ALTER TABLE reports ADD COLUMN erased_at timestamptz;

-- When a campaign's personal data was deleted, its retention having run out.
ALTER TABLE campaigns ADD COLUMN purged_at timestamptz;
