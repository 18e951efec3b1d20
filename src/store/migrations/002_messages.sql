-- Every inbound message, kept once per (platform, message id): platforms re-deliver.
-- The text is kept encrypted (it may hold an ID number) with a masked copy for display.
CREATE TABLE inbound_messages (
  id                   bigserial PRIMARY KEY,
  platform             text NOT NULL,
  platform_message_id  text NOT NULL,
  chat_id              bigint NOT NULL REFERENCES chats(id),
  account_id           bigint NOT NULL REFERENCES accounts(id),
  text_enc             text,
  text_masked          text,
  mentions_bot         boolean NOT NULL DEFAULT false,
  files                jsonb NOT NULL DEFAULT '[]'::jsonb,
  sent_at              timestamptz NOT NULL,
  -- The day that relative dates (昨天, 上周三) are read against; null means today. Set by `linli sim --today`.
  today                date,
  received_at          timestamptz NOT NULL DEFAULT now(),
  status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'handled', 'failed')),
  route                text,
  handled_at           timestamptz,
  attempts             integer NOT NULL DEFAULT 0,
  last_error           text,
  UNIQUE (platform, platform_message_id)
);
CREATE INDEX inbound_pending_by_account ON inbound_messages (account_id, id) WHERE status = 'pending';

-- Messages the bot sends: written in the same transaction as the decision that made them.
CREATE TABLE outbox (
  id                   bigserial PRIMARY KEY,
  inbound_id           bigint REFERENCES inbound_messages(id),
  platform             text NOT NULL,
  chat_id              bigint NOT NULL REFERENCES chats(id),
  to_account_id        bigint REFERENCES accounts(id),
  text_enc             text NOT NULL,
  text_masked          text NOT NULL,
  files                jsonb NOT NULL DEFAULT '[]'::jsonb,
  status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'uncertain')),
  attempts             integer NOT NULL DEFAULT 0,
  not_before           timestamptz NOT NULL DEFAULT now(),
  claimed_at           timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  sent_at              timestamptz,
  platform_message_id  text,
  last_error           text
);
CREATE INDEX outbox_open ON outbox (status, not_before) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_inbound ON outbox (inbound_id);

-- The next free sending slot per platform and per chat: how the outbox paces itself.
CREATE TABLE send_slots (
  key      text PRIMARY KEY,
  next_at  timestamptz NOT NULL
);

-- Dialog sessions: one form in progress per account; the state is stored encrypted.
CREATE TABLE dialog_sessions (
  id           bigserial PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  chat_id      bigint REFERENCES chats(id),
  form_id      text NOT NULL,
  form_version integer NOT NULL,
  state_enc    text NOT NULL,
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'cancelled', 'expired')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX dialog_sessions_active ON dialog_sessions (account_id) WHERE status = 'active';

-- Reports are never overwritten: a correction is a new report.
CREATE TABLE reports (
  id             bigserial PRIMARY KEY,
  campaign_id    bigint REFERENCES campaigns(id),
  form_id        text NOT NULL,
  form_version   integer NOT NULL,
  person_id      bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  account_id     bigint REFERENCES accounts(id),
  chat_id        bigint REFERENCES chats(id),
  answers_enc    text NOT NULL,
  answers_masked jsonb NOT NULL,
  supersedes_id  bigint REFERENCES reports(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_person ON reports (person_id, created_at);

-- Official notices, their delivery to each chat, and each person's acknowledgement.
CREATE TABLE notices (
  id               bigserial PRIMARY KEY,
  community_id     bigint NOT NULL REFERENCES areas(id),
  author_staff_id  bigint REFERENCES staff(id) ON DELETE SET NULL,
  title            text,
  body             text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE deliveries (
  id          bigserial PRIMARY KEY,
  notice_id   bigint NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  chat_id     bigint NOT NULL REFERENCES chats(id),
  outbox_id   bigint REFERENCES outbox(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (notice_id, chat_id)
);
CREATE TABLE acknowledgements (
  notice_id   bigint NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  person_id   bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  chat_id     bigint REFERENCES chats(id),
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (notice_id, person_id)
);

-- Rosters: a landlord's or a shop's list of people, every version kept with its source message.
CREATE TABLE rosters (
  id               bigserial PRIMARY KEY,
  owner_person_id  bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('landlord', 'shop')),
  name             text,
  area_id          bigint REFERENCES areas(id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_person_id, kind, name)
);
CREATE TABLE roster_versions (
  id                 bigserial PRIMARY KEY,
  roster_id          bigint NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  version            integer NOT NULL,
  source_inbound_id  bigint REFERENCES inbound_messages(id),
  source_file        text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (roster_id, version)
);
CREATE TABLE roster_entries (
  id              bigserial PRIMARY KEY,
  version_id      bigint NOT NULL REFERENCES roster_versions(id) ON DELETE CASCADE,
  line_no         integer NOT NULL,
  person_id       bigint REFERENCES persons(id) ON DELETE SET NULL,
  name            text,
  id_number_enc   text,
  id_number_hash  text,
  phone_enc       text,
  phone_hash      text,
  room_raw        text,
  building        text,
  unit            text,
  room            text,
  move_in         date,
  action          text NOT NULL CHECK (action IN ('add', 'remove', 'update')),
  problems        jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX roster_entries_version ON roster_entries (version_id);
