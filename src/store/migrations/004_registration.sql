-- Where a form was started from: the place of the group that handed the resident over.
ALTER TABLE dialog_sessions ADD COLUMN area_id bigint REFERENCES areas(id) ON DELETE SET NULL;
-- Reminders and expiry are queue jobs keyed by this, so that an answer in between cancels them.
ALTER TABLE dialog_sessions ADD COLUMN step integer NOT NULL DEFAULT 0;

-- Observation of a person who arrived from outside: until when, and each day's check-in.
CREATE TABLE observations (
  id           bigserial PRIMARY KEY,
  person_id    bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  campaign_id  bigint REFERENCES campaigns(id) ON DELETE SET NULL,
  starts_on    date NOT NULL,
  ends_on      date NOT NULL,
  source       text NOT NULL CHECK (source IN ('report', 'staff')),
  ended_early_on date,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX observations_person ON observations (person_id);

-- Requests for help from staff (人工), so that none is lost if nobody is on the chat.
CREATE TABLE help_requests (
  id          bigserial PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  account_id  bigint REFERENCES accounts(id) ON DELETE SET NULL,
  area_id     bigint REFERENCES areas(id) ON DELETE SET NULL,
  topic       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  handled_at  timestamptz
);
