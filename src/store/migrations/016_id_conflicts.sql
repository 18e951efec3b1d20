-- An ID number typed by someone other than the person it is registered to: the newcomer's report is
-- kept on a person of their own (without the number), and staff resolve it (merge, or the newcomer
-- registers again with the right number). Merging the two persons points both columns at one person,
-- which is what makes a conflict no longer open.
CREATE TABLE id_conflicts (
  id                bigserial PRIMARY KEY,
  person_id         bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  holder_person_id  bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  report_id         bigint REFERENCES reports(id) ON DELETE SET NULL,
  account_id        bigint REFERENCES accounts(id) ON DELETE SET NULL,
  source            text NOT NULL CHECK (source IN ('registration', 'member')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  resolved_at       timestamptz
);
CREATE INDEX id_conflicts_person ON id_conflicts (person_id);
CREATE INDEX id_conflicts_holder ON id_conflicts (holder_person_id);
CREATE INDEX id_conflicts_open ON id_conflicts (created_at) WHERE resolved_at IS NULL;
