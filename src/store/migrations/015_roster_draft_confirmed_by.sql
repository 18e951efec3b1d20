-- The 确认 that saved a list is the message after which the bot asked about tenants left out of
-- it: a bare 「是」 answers that question only as the landlord's next message there, within a day.
ALTER TABLE roster_drafts ADD COLUMN confirmed_inbound_id bigint REFERENCES inbound_messages(id);
