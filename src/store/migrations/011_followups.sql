-- Work that a handled message still owes its sender, done by a job after the handler's
-- transaction: reading a file the person sent, asking the model about lines the rules could not
-- read. Recorded in the handler's transaction, so that a job lost in a crash is queued again,
-- and done once: the job that finishes it marks it in the transaction of its replies. The data
-- may hold ID numbers and phones (lines of a roster), so it is kept encrypted, and emptied ('')
-- once the work is finished.
CREATE TABLE followups (
  id          bigserial PRIMARY KEY,
  inbound_id  bigint NOT NULL REFERENCES inbound_messages(id),
  kind        text NOT NULL,
  data_enc    text NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  done_at     timestamptz
);
CREATE INDEX followups_pending ON followups (created_at) WHERE status = 'pending';
CREATE INDEX followups_inbound ON followups (inbound_id);

-- A list sent as a file keeps the file's name with the version it becomes.
ALTER TABLE roster_drafts ADD COLUMN source_file text;
