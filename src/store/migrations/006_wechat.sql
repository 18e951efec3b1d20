-- How many messages the bot's WeChat account sent on a day of the community: WeChat's risk
-- control watches the daily count, and the count has to survive a restart.
CREATE TABLE wechat_daily_sends (
  account  text NOT NULL,
  day      date NOT NULL,
  sent     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (account, day)
);

-- A bot cannot open a private chat on WeChat: the resident sends a friend request whose greeting
-- carries this code, and the code says which account (from a group) the request belongs to.
CREATE TABLE handoff_codes (
  code        text PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX handoff_codes_account ON handoff_codes (account_id) WHERE used_at IS NULL;

-- Newcomers of a WeChat group who were greeted: once per person and group, whatever the puppet
-- delivers again and however often they leave and come back.
CREATE TABLE wechat_greetings (
  chat_id     bigint NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  greeted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chat_id, account_id)
);
