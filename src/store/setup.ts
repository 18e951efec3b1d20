import { findOrCreateAccount, findAccount } from './accounts.ts';
import {
  ensureArea,
  ensureChildren,
  ensureGrid,
  findAreaByPath,
  findGrid,
  getArea,
  setGridAreas,
  type AreaRecord,
} from './areas.ts';
import { findOrCreateChat } from './chats.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Db, Queryable } from './db.ts';
import { createPerson, findPersonsByPhone, getPerson, updatePerson } from './persons.ts';
import type { PlacePath, Setup, SetupChat, SetupCommunity, SetupStaff } from './setup-file.ts';
import { SetupFileError, type FieldPath, type SetupProblem, type SetupSource } from './setup-problems.ts';
import { ensureStaff, type StaffRole, type StaffScopeKey } from './staff.ts';

export interface SetupCounts {
  communities: number;
  sites: number;
  buildings: number;
  units: number;
  rooms: number;
  grids: number;
  chats: number;
  staff: number;
}

type Problem = Omit<SetupProblem, 'location'>;

/** What a setup holds, whatever the store held before. */
export function countSetup(setup: Setup): SetupCounts {
  const sites = setup.communities.flatMap((community) => community.sites);
  const buildings = sites.flatMap((site) => site.buildings);
  const units = buildings.flatMap((building) => building.units);
  const sum = (numbers: number[]) => numbers.reduce((total, n) => total + n, 0);
  return {
    communities: setup.communities.length,
    sites: sites.length,
    buildings: buildings.length,
    units: units.length,
    rooms: sum(buildings.map((building) => building.rooms.length)) + sum(units.map((unit) => unit.rooms.length)),
    grids: sum(setup.communities.map((community) => community.grids.length)),
    chats: sum(setup.communities.map((community) => community.chats.length)),
    staff: sum(setup.communities.map((community) => community.staff.length)),
  };
}

/**
 * Brings the store up to the setup, in one transaction: what exists is kept, what is new is added,
 * nothing is removed (except areas that left a listed grid). Running it twice changes nothing.
 * A reference to a place or grid that neither the setup nor the store holds is a SetupFileError,
 * located in the file when the setup was parsed from one; the store is then left as it was.
 */
/** Thrown to roll a dry run's transaction back. */
class DryRunDone extends Error {}

/**
 * Loads a setup into the store, all or nothing. A dry run checks the file against the store and
 * changes nothing (what `setup` does with the sound part of a file that has problems).
 */
export async function applySetup(db: Db, cipher: FieldCipher, setup: Setup & { source?: SetupSource }, options: { dryRun?: boolean } = {}): Promise<SetupCounts> {
  await db.transaction(async (tx) => {
    const problems: Problem[] = [];
    for (const [index, community] of setup.communities.entries()) {
      const at: FieldPath = ['communities', index];
      const places = placesOf(tx, community, await ensurePlaces(tx, community));
      await ensureGrids(tx, community, places, at, problems);
      await ensureChats(tx, community.chats, places, at, problems);
      for (const [s, staff] of community.staff.entries()) {
        await ensureStaffMember(tx, cipher, staff, places, [...at, 'staff', s], problems);
      }
    }
    if (problems.length > 0) throw SetupFileError.at(setup.source, problems);
    if (options.dryRun) throw new DryRunDone();
  }).catch((error: unknown) => {
    if (!(error instanceof DryRunDone)) throw error;
  });
  return countSetup(setup);
}

async function ensurePlaces(q: Queryable, setup: SetupCommunity): Promise<AreaRecord> {
  const communityId = await ensureArea(q, { parentId: null, kind: 'community', name: setup.name });
  for (const site of setup.sites) {
    const siteId = await ensureArea(q, { parentId: communityId, kind: 'site', siteKind: site.kind, name: site.name });
    for (const building of site.buildings) {
      const buildingId = await ensureArea(q, { parentId: siteId, kind: 'building', name: building.name });
      await ensureChildren(q, buildingId, 'room', building.rooms);
      for (const unit of building.units) {
        const unitId = await ensureArea(q, { parentId: buildingId, kind: 'unit', name: unit.name });
        await ensureChildren(q, unitId, 'room', unit.rooms);
      }
    }
  }
  const community = await getArea(q, communityId);
  if (!community) throw new Error(`community ${setup.name} vanished while being set up`);
  return community;
}

/** The places of one community as the file's references name them. */
interface Places {
  community: AreaRecord;
  /** A path below the community; it may start with the community's own name ('幸福社区' alone is the community). */
  find(path: PlacePath): Promise<AreaRecord | undefined>;
  missing(path: PlacePath): string;
}

function placesOf(q: Queryable, setup: SetupCommunity, community: AreaRecord): Places {
  return {
    community,
    find(path) {
      const [first, ...rest] = path;
      const startsWithCommunity = first === setup.name && !setup.sites.some((site) => site.name === first);
      return findAreaByPath(q, community.id, startsWithCommunity ? rest : path);
    },
    missing(path) {
      return `no place ${path.join('/')} in ${setup.name}, neither in this file nor in the store`;
    },
  };
}

const kindOf = (area: AreaRecord) => (area.kind === 'site' ? `${area.siteKind} site` : area.kind);

async function ensureGrids(q: Queryable, community: SetupCommunity, places: Places, at: FieldPath, problems: Problem[]) {
  for (const [g, grid] of community.grids.entries()) {
    const areaIds: number[] = [];
    for (const [a, path] of grid.areas.entries()) {
      const area = await places.find(path);
      const where = [...at, 'grids', g, 'areas', a];
      if (!area) problems.push({ path: where, message: places.missing(path) });
      else if (area.kind === 'community' || area.kind === 'room') {
        problems.push({ path: where, message: `a grid covers sites, buildings or units, not a ${area.kind}` });
      } else areaIds.push(area.id);
    }
    await setGridAreas(q, await ensureGrid(q, places.community.id, grid.name), areaIds);
  }
}

/** The places each kind of chat may be bound to. */
function chatFits(kind: SetupChat['kind'], area: AreaRecord): string | undefined {
  if (area.kind === 'room') return 'a chat is bound to a place bigger than a room';
  if (kind === 'building' && !['site', 'building', 'unit'].includes(area.kind)) return `a building chat is bound to a site, building or unit, not a ${kindOf(area)}`;
  if (kind === 'market' && area.siteKind !== 'market') return `a market chat is bound to a market site, not a ${kindOf(area)}`;
  return undefined;
}

async function ensureChats(q: Queryable, chats: readonly SetupChat[], places: Places, at: FieldPath, problems: Problem[]) {
  for (const [c, chat] of chats.entries()) {
    // A chat listed without a place belongs to the community it is listed under.
    const area = chat.area ? await places.find(chat.area) : places.community;
    const problem = area ? chatFits(chat.kind, area) : places.missing(chat.area ?? []);
    if (!area || problem) {
      problems.push({ path: [...at, 'chats', c, 'area'], message: problem ?? 'no such place' });
      continue;
    }
    const record = await findOrCreateChat(q, { platform: chat.platform, platformChatId: chat.id, kind: chat.kind, title: chat.title });
    await q.query(
      `UPDATE chats SET kind = $2, title = coalesce($3, title), area_id = $4,
         bound_at = CASE WHEN area_id IS DISTINCT FROM $4 OR bound_at IS NULL THEN now() ELSE bound_at END
       WHERE id = $1`,
      [record.id, chat.kind, chat.title, area.id],
    );
  }
}

/** The scopes each role may hold; committee and admin may hold any. */
function scopeFits(role: StaffRole, area: AreaRecord): string | undefined {
  if (role === 'market_manager' && area.siteKind !== 'market') return `a market manager's scope is a market site, not a ${kindOf(area)}`;
  if (role === 'property_manager' && !(area.kind === 'site' && area.siteKind !== 'market')) {
    return `a property manager's scope is a compound or village site, not a ${kindOf(area)}`;
  }
  if (role === 'building_leader' && area.kind !== 'building' && area.kind !== 'unit') {
    return `a building leader's scope is a building or unit, not a ${kindOf(area)}`;
  }
  if (area.kind === 'room') return 'a staff scope is bigger than a room';
  return undefined;
}

async function resolveScope(q: Queryable, staff: SetupStaff, places: Places): Promise<StaffScopeKey | string> {
  if (staff.scope.kind === 'grid') {
    if (staff.role !== 'grid_worker' && staff.role !== 'committee' && staff.role !== 'admin') {
      return `a grid is the scope of a grid worker, committee member or admin, not of a ${staff.role}`;
    }
    const grid = await findGrid(q, places.community.id, staff.scope.name);
    return grid ? { gridId: grid.id } : `no grid ${staff.scope.name} in ${places.community.name}, neither in this file nor in the store`;
  }
  const area = await places.find(staff.scope.path);
  if (!area) return places.missing(staff.scope.path);
  return scopeFits(staff.role, area) ?? { areaId: area.id };
}

async function ensureStaffMember(
  q: Queryable,
  cipher: FieldCipher,
  staff: SetupStaff,
  places: Places,
  at: FieldPath,
  problems: Problem[],
) {
  const scope = await resolveScope(q, staff, places);
  if (typeof scope === 'string') {
    problems.push({ path: [...at, 'scope'], message: scope });
    return;
  }
  const personId = await findOrCreateStaffPerson(q, cipher, staff);
  if (personId === undefined) {
    problems.push({ path: [...at, 'accounts'], message: 'these accounts belong to different persons' });
    return;
  }
  await ensureStaff(q, { personId, role: staff.role, ...scope });
}

/**
 * The person behind a staff entry: the owner of its accounts, else the one with its phone, else a new one.
 * A missing name or phone is filled in; what the person registered themselves is never overwritten.
 */
async function findOrCreateStaffPerson(q: Queryable, cipher: FieldCipher, staff: SetupStaff): Promise<number | undefined> {
  const owners = new Set<number>();
  for (const account of staff.accounts) {
    const found = await findAccount(q, account.platform, account.id);
    if (found) owners.add(found.personId);
  }
  if (owners.size > 1) return undefined;
  let personId = [...owners][0] ?? (staff.phone ? (await findPersonsByPhone(q, cipher, staff.phone))[0]?.id : undefined);
  const [first] = staff.accounts;
  if (personId === undefined) {
    personId = first
      ? (await findOrCreateAccount(q, cipher, { platform: first.platform, platformUserId: first.id, displayName: staff.name })).personId
      : await createPerson(q, cipher, { name: staff.name, phone: staff.phone });
  }
  for (const account of staff.accounts) {
    await q.query(
      `INSERT INTO accounts (person_id, platform, platform_user_id, display_name) VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform, platform_user_id) DO NOTHING`,
      [personId, account.platform, account.id, staff.name],
    );
  }
  const person = await getPerson(q, cipher, personId);
  await updatePerson(q, cipher, personId, {
    name: person?.name ? undefined : staff.name,
    phone: person?.phone || !staff.phone ? undefined : staff.phone,
  });
  return personId;
}
