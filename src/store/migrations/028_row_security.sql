-- Row-level security: staff read personal data as the role linli_staff, with the scope they may
-- see in two settings of their transaction (see src/store/staff-reads.ts):
--   linli.scope_areas     the ids of the places they reach, as a multirange ('{[12,40),[77,78)}')
--   linli.community_wide  'on' for a role over a whole community: they also see the people whose
--                         place is not known, and the outbox
--   linli.scope_all       'on' for such a role when that community is the only one: every row
-- A row outside the scope is invisible whatever the query, so a query that forgets its filter still
-- cannot read another compound's people. Without the settings nothing is visible. Linli's own work
-- (the bot, the jobs, residents' own data) runs as the owner of the tables, which RLS lets through.

-- Roles are shared by every schema of the server: each schema's migration may be the first, or run
-- beside another one creating it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linli_staff') THEN
    BEGIN
      CREATE ROLE linli_staff NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN
        NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'Linli reads staff data as the role linli_staff, which its database user may not create'
          USING HINT = format('As a superuser, once: CREATE ROLE linli_staff NOLOGIN; GRANT linli_staff TO %I;', current_user);
    END;
  END IF;
  -- A superuser may SET ROLE to anyone; an ordinary owner must be a member of the role.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'linli_staff', 'MEMBER') THEN
    EXECUTE format('GRANT linli_staff TO %I', current_user);
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO linli_staff', current_schema());
  EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO linli_staff', current_schema());
  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO linli_staff', current_schema());
  -- Tables of later migrations: readable too, and closed by the test that every table holding
  -- personal data has row-level security (test/store/row-security.test.ts).
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO linli_staff', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE ON SEQUENCES TO linli_staff', current_schema());
END $$;

-- What staff write while they read: the audit log of their reads and searches, and the groups
-- a campaign's status finds bound since it was last asked (chats, no one's data).
GRANT INSERT ON audit_log, campaign_chats TO linli_staff;

CREATE FUNCTION linli_scope_areas() RETURNS int8multirange LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('linli.scope_areas', true), ''), '{}')::int8multirange
$$;
CREATE FUNCTION linli_community_wide() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('linli.community_wide', true), ''), 'off')::boolean
$$;
-- Scoped to the only community there is: every row is in scope, and the policies need not look.
CREATE FUNCTION linli_sees_all() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('linli.scope_all', true), ''), 'off')::boolean
$$;
CREATE FUNCTION linli_asking_person() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('linli.person', true), '')::bigint
$$;

-- Where each person is, kept on their row so that the policy on persons compares a column with the
-- scope (no look-up per row): their current rooms and their registry entries' rooms and sites, the
-- places a search by area has always matched (find-scope's personInAreas), the places of the
-- lists they keep (a shop's owner is known at the market) and of the groups they asked for help in.
-- Empty: no place known.
ALTER TABLE persons ADD COLUMN places int8multirange NOT NULL DEFAULT '{}';
-- Staff of a few buildings find their people at once rather than testing every person.
CREATE INDEX persons_places ON persons USING gist (places);

CREATE FUNCTION persons_places_refresh(person_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  UPDATE persons p SET places = coalesce(x.places, '{}')
  FROM (SELECT ids.id, agg.places
        FROM unnest(person_ids) AS ids(id)
        LEFT JOIN (
          SELECT person_id, range_agg(int8range(area_id, area_id, '[]')) AS places FROM (
            SELECT person_id, room_id AS area_id FROM occupancies
            WHERE person_id = ANY(person_ids) AND until IS NULL AND room_id IS NOT NULL
            UNION ALL SELECT person_id, room_id FROM registry_entries WHERE person_id = ANY(person_ids) AND room_id IS NOT NULL
            UNION ALL SELECT person_id, site_id FROM registry_entries WHERE person_id = ANY(person_ids) AND site_id IS NOT NULL
            UNION ALL SELECT owner_person_id, area_id FROM rosters WHERE owner_person_id = ANY(person_ids) AND area_id IS NOT NULL
            UNION ALL SELECT person_id, area_id FROM help_requests WHERE person_id = ANY(person_ids) AND area_id IS NOT NULL
          ) found GROUP BY person_id
        ) agg ON agg.person_id = ids.id) x
  WHERE p.id = x.id AND p.places IS DISTINCT FROM coalesce(x.places, '{}')
$$;

CREATE FUNCTION persons_places_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM persons_places_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows WHERE person_id IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM persons_places_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows WHERE person_id IS NOT NULL));
  ELSE
    PERFORM persons_places_refresh(ARRAY(
      SELECT person_id FROM new_rows WHERE person_id IS NOT NULL
      UNION SELECT person_id FROM old_rows WHERE person_id IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER occupancies_places_insert AFTER INSERT ON occupancies REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION persons_places_changed();
CREATE TRIGGER occupancies_places_update AFTER UPDATE ON occupancies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION persons_places_changed();
CREATE TRIGGER occupancies_places_delete AFTER DELETE ON occupancies REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION persons_places_changed();
CREATE TRIGGER registry_places_insert AFTER INSERT ON registry_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION persons_places_changed();
CREATE TRIGGER registry_places_update AFTER UPDATE ON registry_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION persons_places_changed();
CREATE TRIGGER registry_places_delete AFTER DELETE ON registry_entries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION persons_places_changed();

CREATE FUNCTION rosters_owner_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM persons_places_refresh(ARRAY(SELECT DISTINCT owner_person_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM persons_places_refresh(ARRAY(SELECT DISTINCT owner_person_id FROM old_rows));
  ELSE
    PERFORM persons_places_refresh(ARRAY(SELECT owner_person_id FROM new_rows UNION SELECT owner_person_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER rosters_places_insert AFTER INSERT ON rosters REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rosters_owner_changed();
CREATE TRIGGER rosters_places_update AFTER UPDATE ON rosters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rosters_owner_changed();
CREATE TRIGGER rosters_places_delete AFTER DELETE ON rosters REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rosters_owner_changed();

CREATE TRIGGER help_requests_places_insert AFTER INSERT ON help_requests REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION persons_places_changed();
CREATE TRIGGER help_requests_places_update AFTER UPDATE ON help_requests
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION persons_places_changed();
CREATE TRIGGER help_requests_places_delete AFTER DELETE ON help_requests REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION persons_places_changed();

SELECT persons_places_refresh(ARRAY(
  SELECT person_id FROM occupancies UNION SELECT person_id FROM registry_entries WHERE person_id IS NOT NULL
  UNION SELECT owner_person_id FROM rosters UNION SELECT person_id FROM help_requests));

-- The policies. A person-keyed row is visible when its person is (the policy on persons applies
-- inside the sub-select): staff see where the people of their scope are known elsewhere too, as the
-- census compares. A row that has a place of its own is also visible by that place.
ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON persons FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR places && (SELECT linli_scope_areas())
  OR (places = '{}' AND (SELECT linli_community_wide()))
  OR id = (SELECT linli_asking_person()));

ALTER TABLE occupancies ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON occupancies FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR room_id <@ (SELECT linli_scope_areas())
  OR EXISTS (SELECT 1 FROM persons p WHERE p.id = occupancies.person_id));

ALTER TABLE registry_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON registry_entries FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR room_id <@ (SELECT linli_scope_areas()) OR site_id <@ (SELECT linli_scope_areas())
  OR (room_id IS NULL AND site_id IS NULL AND (SELECT linli_community_wide()))
  OR EXISTS (SELECT 1 FROM persons p WHERE p.id = registry_entries.person_id));

ALTER TABLE room_marks ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON room_marks FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR room_id <@ (SELECT linli_scope_areas()));

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON accounts FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM persons p WHERE p.id = accounts.person_id));

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON reports FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM persons p WHERE p.id = reports.person_id));

ALTER TABLE observations ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON observations FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM persons p WHERE p.id = observations.person_id));

ALTER TABLE checkins ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON checkins FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM persons p WHERE p.id = checkins.person_id));

ALTER TABLE help_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON help_requests FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR area_id <@ (SELECT linli_scope_areas())
  OR (area_id IS NULL AND EXISTS (SELECT 1 FROM persons p WHERE p.id = help_requests.person_id)));

ALTER TABLE find_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON find_keys FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM persons p WHERE p.id = find_keys.person_id));

ALTER TABLE id_conflicts ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON id_conflicts FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM persons p WHERE p.id = id_conflicts.person_id));

ALTER TABLE acknowledgements ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON acknowledgements FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM persons p WHERE p.id = acknowledgements.person_id));

-- A form in progress: where it was started, else whose it is.
ALTER TABLE dialog_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON dialog_sessions FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR area_id <@ (SELECT linli_scope_areas())
  OR (area_id IS NULL AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = dialog_sessions.account_id)));

-- A landlord's or a shop's list: where it belongs (the market, the group's place), else where its
-- owner is. Its versions, entries and the shops' daily answers follow it.
ALTER TABLE rosters ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON rosters FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR area_id <@ (SELECT linli_scope_areas())
  OR (area_id IS NULL AND EXISTS (SELECT 1 FROM persons p WHERE p.id = rosters.owner_person_id)));

ALTER TABLE roster_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON roster_versions FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM rosters r WHERE r.id = roster_versions.roster_id));

ALTER TABLE roster_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON roster_entries FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM roster_versions v WHERE v.id = roster_entries.version_id));

ALTER TABLE roster_drafts ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON roster_drafts FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM accounts a WHERE a.id = roster_drafts.account_id));

ALTER TABLE shop_status_asks ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON shop_status_asks FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM rosters r WHERE r.id = shop_status_asks.roster_id));

ALTER TABLE shop_status_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON shop_status_answers FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM rosters r WHERE r.id = shop_status_answers.roster_id));

-- The audit log: the entries about people in scope, and the asking staff member's own.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON audit_log FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR EXISTS (SELECT 1 FROM persons p WHERE p.id = audit_log.subject_person_id)
  OR actor_person_id = (SELECT linli_asking_person()));
CREATE POLICY staff_write ON audit_log FOR INSERT TO linli_staff WITH CHECK (
  actor_person_id IS NOT DISTINCT FROM (SELECT linli_asking_person()));

-- Messages: their text may hold anything a resident wrote. Staff reads never need an inbound
-- message; the outbox is counted (sends a crash left uncertain) for community-wide staff only.
ALTER TABLE inbound_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE sandbox_transcript ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_scope ON outbox FOR SELECT TO linli_staff USING (
  (SELECT linli_sees_all()) OR (SELECT linli_community_wide()));

-- Linli's own bookkeeping about accounts (codes, turns, follow-ups, erasures, reminders): no staff
-- read needs it, so staff see none of it.
ALTER TABLE followups ENABLE ROW LEVEL SECURITY;
ALTER TABLE link_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE handoff_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE erasure_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE wechat_greetings ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_turns ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_reminders ENABLE ROW LEVEL SECURITY;
