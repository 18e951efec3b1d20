-- A roster a landlord pasted, as understood, while they correct and confirm it: one open draft per
-- account. The rows hold ID numbers and phones, so they are kept as encrypted JSON.
CREATE TABLE roster_drafts (
  id                 bigserial PRIMARY KEY,
  account_id         bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  chat_id            bigint NOT NULL REFERENCES chats(id),
  source_inbound_id  bigint REFERENCES inbound_messages(id),
  rows_enc           text NOT NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dropped')),
  -- After 确认: the version saved, and the tenants of the version before it that this list left out,
  -- who are asked about before they are taken off.
  version_id         bigint REFERENCES roster_versions(id) ON DELETE SET NULL,
  missing_entry_ids  bigint[] NOT NULL DEFAULT '{}',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX roster_drafts_open ON roster_drafts (account_id) WHERE status = 'open';
CREATE INDEX roster_drafts_account ON roster_drafts (account_id, id);
