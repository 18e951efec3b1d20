-- A message cut to the size Linli keeps is marked, so that its sender is told what to send instead.
ALTER TABLE inbound_messages ADD COLUMN truncated boolean NOT NULL DEFAULT false;
-- A message that came faster than an account may send: kept, but not handled as a command or answer.
ALTER TABLE inbound_messages ADD COLUMN limited boolean NOT NULL DEFAULT false;
CREATE INDEX inbound_recent_by_account ON inbound_messages (account_id, received_at);

-- Which running worker process claimed a send: a claim by a process that stopped beating is stale.
ALTER TABLE outbox ADD COLUMN claimed_by text;
-- The person owed an uncertain reply was told (the outbox row of that notice).
ALTER TABLE outbox ADD COLUMN uncertain_notice_id bigint REFERENCES outbox(id);
-- A notice about an uncertain send is itself never followed by a notice.
ALTER TABLE outbox ADD COLUMN is_uncertain_notice boolean NOT NULL DEFAULT false;

-- Every running worker process says it is alive now and then.
CREATE TABLE worker_heartbeats (
  instance  text PRIMARY KEY,
  seen_at   timestamptz NOT NULL DEFAULT now()
);

-- An account with messages waiting has one turn queued: accounts take turns, so that one who
-- sends hundreds of messages does not hold up everyone else.
CREATE TABLE account_turns (
  account_id  bigint PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE
);
