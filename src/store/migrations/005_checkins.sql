-- One check-in a day per person under observation: asked in the morning, reminded once, answered.
-- The answer (temperature, symptoms) is health data: kept encrypted.
CREATE TABLE checkins (
  id              bigserial PRIMARY KEY,
  observation_id  bigint NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
  person_id       bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  day             date NOT NULL,
  chat_id         bigint REFERENCES chats(id) ON DELETE SET NULL,
  asked_at        timestamptz NOT NULL DEFAULT now(),
  reminded_at     timestamptz,
  answered_at     timestamptz,
  answer_enc      text,
  UNIQUE (person_id, day)
);
CREATE INDEX checkins_day ON checkins (day);
