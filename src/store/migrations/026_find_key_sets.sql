-- The find index as one row per person, their keys in an array under a GIN index, in place of a
-- row per key under a b-tree. A registry of 800,000 persons gave the b-tree 7.2 million random
-- insertions, each a descent from its root, and that was most of an import's time; GIN gathers
-- new keys in a pending list and merges them a key at a time, with its lists of persons compressed.
CREATE TABLE find_key_sets (
  person_id  bigint PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
  keys       bigint[] NOT NULL
);
INSERT INTO find_key_sets (person_id, keys)
  SELECT person_id, array_agg(key ORDER BY key::text) FROM find_keys GROUP BY person_id;
DROP TABLE find_keys;
ALTER TABLE find_key_sets RENAME TO find_keys;
ALTER INDEX find_key_sets_pkey RENAME TO find_keys_pkey;
ALTER TABLE find_keys RENAME CONSTRAINT find_key_sets_person_id_fkey TO find_keys_person_id_fkey;
CREATE INDEX find_keys_keys ON find_keys USING gin (keys);
