-- A resident who left a campaign's form unfinished is reminded at its reminder times, at most
-- once a day: the day of each reminder is kept here.
CREATE TABLE campaign_reminders (
  campaign_id  bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  account_id   bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  day          date NOT NULL,
  PRIMARY KEY (campaign_id, account_id, day)
);
