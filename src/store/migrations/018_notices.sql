-- Official notices: what staff send, to which chats, when, and who acknowledged them.
-- The text is kept encrypted (a notice may name a person) with a masked copy for lists.
ALTER TABLE notices
  ADD COLUMN body_enc text,
  ADD COLUMN scope text NOT NULL DEFAULT 'all',
  ADD COLUMN status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'sending', 'sent', 'cancelled', 'recalled')),
  ADD COLUMN send_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN ack_hours integer NOT NULL DEFAULT 12 CHECK (ack_hours BETWEEN 1 AND 720),
  ADD COLUMN pin boolean NOT NULL DEFAULT false,
  ADD COLUMN author_person_id bigint REFERENCES persons(id) ON DELETE SET NULL,
  ADD COLUMN attachment_name text,
  ADD COLUMN attachment_mime_type text,
  ADD COLUMN attachment_enc text,
  -- A file sent in chat, fetched from its platform when the notice goes out.
  ADD COLUMN attachment_ref jsonb,
  ADD COLUMN attachment_platform text,
  ADD COLUMN dispatched_at timestamptz,
  ADD COLUMN cancelled_at timestamptz,
  ADD COLUMN recalled_at timestamptz;
-- The body column was the only text; it now holds the masked copy.
COMMENT ON COLUMN notices.body IS 'masked copy of the text; the text itself is body_enc';

ALTER TABLE deliveries
  ADD COLUMN recall_outbox_id bigint REFERENCES outbox(id),
  ADD COLUMN reminded_at timestamptz,
  ADD COLUMN reminder_outbox_id bigint REFERENCES outbox(id);
CREATE INDEX deliveries_chat ON deliveries (chat_id, notice_id);

-- An acknowledgement names the message that made it: a reply, a word, a reaction.
ALTER TABLE acknowledgements
  ADD COLUMN account_id bigint REFERENCES accounts(id) ON DELETE SET NULL,
  ADD COLUMN via text NOT NULL DEFAULT 'word' CHECK (via IN ('word', 'reply', 'reaction'));
CREATE INDEX acknowledgements_chat ON acknowledgements (chat_id, notice_id);

-- What a message answers: the platform id of the message it replies to or reacts to, and a
-- quoted text where the platform quotes instead (WeChat).
ALTER TABLE inbound_messages
  ADD COLUMN reply_to text,
  ADD COLUMN quoted_enc text;

-- A notice may be pinned (Telegram), and a sent message may be taken back: the outbox row of a
-- recall names the platform message it takes back, and says whether it was taken back or corrected.
ALTER TABLE outbox
  ADD COLUMN pin boolean NOT NULL DEFAULT false,
  ADD COLUMN pinned boolean,
  ADD COLUMN recall_of text,
  ADD COLUMN recalled boolean;
