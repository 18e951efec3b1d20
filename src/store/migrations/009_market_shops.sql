-- Market groups. A shop is a roster of kind 'shop': its owner keeps the staff list, its area is
-- the market. A list pasted in a market group is a draft for the owner's shop, saved as that
-- roster's next version on 确认; a draft without a roster is for the landlord's own roster.
ALTER TABLE roster_drafts ADD COLUMN roster_id bigint REFERENCES rosters(id) ON DELETE CASCADE;
CREATE INDEX rosters_shops ON rosters (area_id) WHERE kind = 'shop';

-- The morning question to a shop owner about the staff: asked once a day, reminded once.
CREATE TABLE shop_status_asks (
  id           bigserial PRIMARY KEY,
  roster_id    bigint NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  day          date NOT NULL,
  chat_id      bigint REFERENCES chats(id) ON DELETE SET NULL,
  account_id   bigint REFERENCES accounts(id) ON DELETE SET NULL,
  asked_at     timestamptz NOT NULL DEFAULT now(),
  reminded_at  timestamptz,
  UNIQUE (roster_id, day)
);

-- The owner's answers. Never overwritten: a second answer on a day is a new row, and the day's
-- status is the latest. Who is unwell and why is health data: the answer is kept encrypted.
CREATE TABLE shop_status_answers (
  id                 bigserial PRIMARY KEY,
  roster_id          bigint NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
  day                date NOT NULL,
  -- The staff list the names were read against.
  version_id         bigint REFERENCES roster_versions(id) ON DELETE SET NULL,
  answered_by        bigint REFERENCES persons(id) ON DELETE SET NULL,
  source_inbound_id  bigint REFERENCES inbound_messages(id),
  answer_enc         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shop_status_answers_day ON shop_status_answers (day, roster_id, id);
