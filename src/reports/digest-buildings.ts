import type { DigestRows, DigestWindow } from '../store/digest-rows.ts';
import type { ScopeBuilding } from '../store/digest-buildings.ts';
import { buildDigest } from './digest.ts';

/** One bar of the digest's chart: a building's registered residents and the day's check-ins. */
export interface BuildingTally {
  /** The building as staff name it (with its site when the scope spans sites); null for people whose building is not known. */
  label: string | null;
  residents: number;
  answered: number;
  /** Asked, not answered, not yet reminded. */
  awaiting: number;
  missed: number;
}

const emptyRows: DigestRows = {
  residents: { total: 0, newToday: 0, byBuilding: new Map() },
  underObservation: 0,
  observed: [],
  checkins: [],
  helpRequests: [],
  unregisteredTenants: [],
  uncertainSends: null,
  shops: [],
  idConflicts: [],
  rosterMismatches: [],
};

/**
 * The digest's counts per building. Each building's numbers are the digest of that building's rows,
 * so a check-in is missed per building exactly when the whole digest counts it missed.
 */
export function buildingTallies(
  rows: DigestRows,
  window: DigestWindow,
  now: Date,
  buildings: readonly ScopeBuilding[],
  buildingOf: ReadonlyMap<number, number>,
): BuildingTally[] {
  const known = new Set(buildings.map((building) => building.id));
  const keyOf = (personId: number) => {
    const id = buildingOf.get(personId);
    return id !== undefined && known.has(id) ? id : null;
  };
  const manySites = new Set(buildings.map((building) => building.site)).size > 1;
  // Rows are sorted into their buildings once: a community has thousands of buildings and people.
  const byBuilding = <T extends { personId: number }>(all: readonly T[]) => {
    const groups = new Map<number | null, T[]>();
    for (const row of all) {
      const key = keyOf(row.personId);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return groups;
  };
  // Residents arrive counted per building (store/digest-residents.ts); those of a building outside
  // the scope's list, or of none, are counted with the people whose building is not known.
  const residents = new Map<number | null, number>();
  for (const [id, counts] of rows.residents.byBuilding) {
    const key = id !== null && known.has(id) ? id : null;
    residents.set(key, (residents.get(key) ?? 0) + counts.total);
  }
  const checkins = byBuilding(rows.checkins);
  const tally = (label: string | null, key: number | null): BuildingTally => {
    const digest = buildDigest({ ...emptyRows, checkins: checkins.get(key) ?? [] }, window, [], now);
    return {
      label,
      residents: residents.get(key) ?? 0,
      answered: digest.checkins.answered,
      awaiting: digest.checkins.awaiting,
      missed: digest.checkins.missed.length,
    };
  };
  const tallies = buildings.map((building) => tally(manySites ? `${building.site}${building.name}` : building.name, building.id));
  const unplaced = tally(null, null);
  if (unplaced.residents + unplaced.answered + unplaced.awaiting + unplaced.missed > 0) tallies.push(unplaced);
  return tallies;
}
