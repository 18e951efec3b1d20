-- A campaign is a whole drive: announced once per group, prompted daily until every room is
-- counted, thanked and closed at its end. Its scope, prompt and reminder times live in settings.
ALTER TABLE campaigns
  ADD COLUMN ended_at timestamptz,
  ADD COLUMN created_by_person_id bigint REFERENCES persons(id) ON DELETE SET NULL;

-- Each group a campaign reaches, and where the drive stands in it.
CREATE TABLE campaign_chats (
  campaign_id   bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  chat_id       bigint NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  -- The announcement was queued (once per group, ever).
  announced_at  timestamptz,
  -- Staff paused the prompts of this group.
  paused_at     timestamptz,
  -- Every room of the group was counted: thanked once, no more prompts.
  completed_at  timestamptz,
  -- The campaign ended: the closing thanks was queued.
  closed_at     timestamptz,
  PRIMARY KEY (campaign_id, chat_id)
);
CREATE INDEX campaign_chats_chat ON campaign_chats (chat_id);

-- One prompt a group a day, whatever runs twice.
CREATE TABLE campaign_prompts (
  campaign_id  bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  chat_id      bigint NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  day          date NOT NULL,
  rooms_left   integer NOT NULL,
  outbox_id    bigint REFERENCES outbox(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, chat_id, day)
);

-- The count of each building as it stood on each day of the drive: the trend staff see.
CREATE TABLE campaign_days (
  campaign_id    bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  day            date NOT NULL,
  building_id    bigint NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  rooms_known    integer NOT NULL,
  rooms_counted  integer NOT NULL,
  rooms_marked   integer NOT NULL,
  persons        integer NOT NULL,
  PRIMARY KEY (campaign_id, day, building_id)
);

-- Who said a room is empty or the household away, so that a resident's mark counts for the
-- campaigns running when it was made.
ALTER TABLE room_marks ADD COLUMN person_id bigint REFERENCES persons(id) ON DELETE SET NULL;
CREATE INDEX reports_campaign ON reports (campaign_id, person_id);
