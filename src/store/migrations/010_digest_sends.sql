-- The daily staff digest: one per staff member (person) and day, so that the push job running
-- twice (a retry, two worker processes) sends nobody the same day's digest twice.
CREATE TABLE digest_sends (
  person_id  bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  day        date NOT NULL,
  sent_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, day)
);
