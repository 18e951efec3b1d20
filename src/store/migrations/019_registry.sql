-- The base registry a committee already has (property company, door system, household office),
-- imported row by row. Each entry is about a person: the one with its ID number, else one created
-- for it. The source's own id (ref) is kept; row_key makes a second import of a row change nothing.
CREATE TABLE registry_entries (
  id              bigserial PRIMARY KEY,
  source          text NOT NULL,
  row_key         text NOT NULL,
  -- A keyed hash of the row's content: a row imported again unchanged is left as it is.
  fingerprint     text NOT NULL,
  ref             text,
  site_id         bigint REFERENCES areas(id) ON DELETE SET NULL,
  person_id       bigint REFERENCES persons(id) ON DELETE SET NULL,
  name            text,
  id_number_enc   text,
  id_number_hash  text,
  phone_enc       text,
  phone_hash      text,
  address         text,
  street          text,
  building        text,
  unit            text,
  room            text,
  room_id         bigint REFERENCES areas(id) ON DELETE SET NULL,
  imported_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, row_key)
);
CREATE INDEX registry_entries_person ON registry_entries (person_id);
CREATE INDEX registry_entries_room ON registry_entries (room_id);
CREATE INDEX registry_entries_site ON registry_entries (site_id);
CREATE INDEX registry_entries_id_hash ON registry_entries (id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX registry_entries_phone_hash ON registry_entries (phone_hash) WHERE phone_hash IS NOT NULL;

-- Rooms known to be empty (or the household away): accounted for without anyone registered.
CREATE TABLE room_marks (
  room_id    bigint PRIMARY KEY REFERENCES areas(id) ON DELETE CASCADE,
  state      text NOT NULL CHECK (state IN ('empty', 'away')),
  source     text NOT NULL,
  marked_at  timestamptz NOT NULL DEFAULT now()
);

-- What finding a person searches: 64-bit keyed hashes of the pieces a search needs (the sound of
-- a name, a phone's last four digits, pieces of an ID number, parts of an address). No plain
-- value is in this index.
CREATE TABLE find_keys (
  key        bigint NOT NULL,
  person_id  bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  PRIMARY KEY (key, person_id)
);
CREATE INDEX find_keys_person ON find_keys (person_id);

-- Persons whose keys must be built again: whatever changes a person, where they live or their
-- registry entries marks them here, whichever code made the change.
CREATE TABLE find_stale (person_id bigint PRIMARY KEY);

CREATE FUNCTION find_mark_persons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO find_stale (person_id) SELECT id FROM changed_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE FUNCTION find_mark_related() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO find_stale (person_id) SELECT DISTINCT person_id FROM changed_rows WHERE person_id IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER persons_find_insert AFTER INSERT ON persons REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION find_mark_persons();
CREATE TRIGGER persons_find_update AFTER UPDATE ON persons REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION find_mark_persons();
CREATE TRIGGER occupancies_find_insert AFTER INSERT ON occupancies REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION find_mark_related();
CREATE TRIGGER occupancies_find_update AFTER UPDATE ON occupancies REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION find_mark_related();
CREATE TRIGGER registry_find_insert AFTER INSERT ON registry_entries REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION find_mark_related();
CREATE TRIGGER registry_find_update AFTER UPDATE ON registry_entries REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION find_mark_related();

-- A staff member who wrote 导入底册 (or /import): the next file they send privately is a registry.
CREATE TABLE registry_import_asks (
  person_id  bigint PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
  asked_at   timestamptz NOT NULL DEFAULT now()
);
