-- Staff give a resident whose WeChat id changed a code to send from the new id: the old account
-- takes the new id, with its person, reports and private chat. Such a code must never be taken
-- for a plain link between two live accounts, so it says what it is for.
ALTER TABLE link_codes ADD COLUMN purpose text NOT NULL DEFAULT 'link' CHECK (purpose IN ('link', 'relink'));
