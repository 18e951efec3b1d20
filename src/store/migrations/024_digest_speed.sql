-- Where each person lives, read for a whole community without sorting every occupancy: the
-- latest occupancy of a person is the first entry of this index under their id, and the columns
-- the digest filters on are in the index, so that the table itself is not read.
CREATE INDEX occupancies_person_latest ON occupancies (person_id, id DESC) INCLUDE (room_id, role, created_at, until);
-- Who has registered, by person, without reading the reports' answers.
CREATE INDEX reports_registration ON reports (person_id, created_at) WHERE form_id = 'registration';
-- The tenants among them, whom the census checks against the landlords' lists: few, found at once.
CREATE INDEX occupancies_tenants ON occupancies (person_id) WHERE role = 'tenant';
