-- Places: community > site (compound, market, village) > building > unit > room, in one tree.
CREATE TABLE areas (
  id          bigserial PRIMARY KEY,
  parent_id   bigint REFERENCES areas(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('community', 'site', 'building', 'unit', 'room')),
  site_kind   text CHECK (site_kind IN ('compound', 'market', 'village')),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'site') = (site_kind IS NOT NULL)),
  CHECK ((kind = 'community') = (parent_id IS NULL))
);
CREATE UNIQUE INDEX areas_unique_name ON areas (coalesce(parent_id, 0), kind, name);
CREATE INDEX areas_parent ON areas (parent_id);

-- Grids overlay sites and buildings.
CREATE TABLE grids (
  id            bigserial PRIMARY KEY,
  community_id  bigint NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  name          text NOT NULL,
  UNIQUE (community_id, name)
);
CREATE TABLE grid_areas (
  grid_id  bigint NOT NULL REFERENCES grids(id) ON DELETE CASCADE,
  area_id  bigint NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  PRIMARY KEY (grid_id, area_id)
);

-- People. ID numbers and phones: AES-256-GCM ciphertext, with an HMAC beside it for look-ups.
CREATE TABLE persons (
  id                  bigserial PRIMARY KEY,
  name                text,
  id_number_enc       text,
  id_number_hash      text,
  phone_enc           text,
  phone_hash          text,
  lang                text NOT NULL DEFAULT 'zh-CN',
  listed_by_landlord  boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX persons_id_number_hash ON persons (id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX persons_phone_hash ON persons (phone_hash) WHERE phone_hash IS NOT NULL;

-- A person's accounts on chat platforms; one person may have several.
CREATE TABLE accounts (
  id                bigserial PRIMARY KEY,
  person_id         bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  platform          text NOT NULL,
  platform_user_id  text NOT NULL,
  display_name      text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform, platform_user_id)
);
CREATE INDEX accounts_person ON accounts (person_id);

-- Where a person lives and as what.
CREATE TABLE occupancies (
  id            bigserial PRIMARY KEY,
  person_id     bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  room_id       bigint REFERENCES areas(id),
  room_text     text,
  role          text NOT NULL CHECK (role IN ('owner', 'tenant', 'family', 'other')),
  household_id  bigint,
  since         date,
  until         date,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX occupancies_person ON occupancies (person_id);
CREATE INDEX occupancies_room ON occupancies (room_id);

-- Staff: a person with a role, limited to a scope (an area or a grid).
CREATE TABLE staff (
  id          bigserial PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('admin', 'committee', 'grid_worker', 'building_leader', 'property_manager', 'market_manager')),
  area_id     bigint REFERENCES areas(id) ON DELETE CASCADE,
  grid_id     bigint REFERENCES grids(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((area_id IS NULL) <> (grid_id IS NULL))
);
CREATE UNIQUE INDEX staff_unique_scope ON staff (person_id, role, coalesce(area_id, 0), coalesce(grid_id, 0));

-- Chats: a platform's group or private chat, bound to a place by a bind code.
CREATE TABLE chats (
  id                bigserial PRIMARY KEY,
  platform          text NOT NULL,
  platform_chat_id  text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('private', 'group', 'building', 'market', 'staff')),
  title             text,
  area_id           bigint REFERENCES areas(id) ON DELETE SET NULL,
  bound_at          timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform, platform_chat_id)
);
CREATE INDEX chats_area ON chats (area_id);

CREATE TABLE bind_codes (
  code        text PRIMARY KEY,
  area_id     bigint NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  chat_kind   text NOT NULL CHECK (chat_kind IN ('building', 'market', 'staff', 'group')),
  created_by  bigint REFERENCES staff(id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  used_by_chat_id bigint REFERENCES chats(id) ON DELETE SET NULL
);

-- Campaigns: a drive with its own form, places, dates and retention.
CREATE TABLE campaigns (
  id              bigserial PRIMARY KEY,
  community_id    bigint NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  name            text NOT NULL,
  form_id         text NOT NULL,
  starts_on       date NOT NULL,
  ends_on         date,
  retention_days  integer NOT NULL DEFAULT 180,
  settings        jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (community_id, name)
);

-- Every read and change of personal data by staff.
CREATE TABLE audit_log (
  id                 bigserial PRIMARY KEY,
  at                 timestamptz NOT NULL DEFAULT now(),
  actor_person_id    bigint REFERENCES persons(id) ON DELETE SET NULL,
  actor_staff_id     bigint REFERENCES staff(id) ON DELETE SET NULL,
  action             text NOT NULL,
  subject_person_id  bigint REFERENCES persons(id) ON DELETE SET NULL,
  details            jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject ON audit_log (subject_person_id);
