-- The sandbox channel's transcript: what the bot "sent" to the terminal chat.
-- One row per outbox row, so that a retried send after a crash is delivered once.
CREATE TABLE sandbox_transcript (
  id          bigserial PRIMARY KEY,
  outbox_id   bigint NOT NULL UNIQUE REFERENCES outbox(id),
  chat_id     bigint NOT NULL REFERENCES chats(id),
  to_account_id bigint REFERENCES accounts(id),
  text_enc    text NOT NULL,
  text_masked text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_transcript_chat ON sandbox_transcript (chat_id, id);
