import { type FieldCipher, maskText } from '../privacy/index.ts';
import type { Queryable } from '../store/db.ts';
import { buildingsAmong, buildingsOfPeople } from '../store/digest-buildings.ts';
import { loadDigestRows } from '../store/digest-rows.ts';
import { populationOf } from '../store/digest-population.ts';
import { digestScopeOf, type DigestScope } from '../store/digest-scope.ts';
import { allowLargeReads } from '../store/large-reads.ts';
import { readAsStaff } from '../store/staff-reads.ts';
import { buildingTallies, type BuildingTally } from './digest-buildings.ts';
import { buildDigest, digestWindow, peopleNamed, type Digest } from './digest.ts';
import { censusOf, censusWindows } from './census.ts';
import { campaignsForDigest } from './digest-campaigns.ts';
import { noticesForDigest, type NoticeDigest } from './digest-notices.ts';

export interface DigestRequest {
  personId: number;
  day: string;
  timeZone: string;
  now: Date;
}

/** A shop of a market in scope on the day, as the digest's workbook lists it. */
export interface DigestShop {
  market: string;
  name: string;
  owner: string | null;
  staff: number;
  answered: boolean;
  /** The staff the owner reported unwell: names as the owner wrote them, the status masked like any stored text. */
  flagged: { name: string; status: string }[];
}

/** The digest with what goes beyond its text: the numbers per building for the chart, the shops for the workbook. */
export interface DigestReport {
  digest: Digest;
  /** Per building, for a scope of more than one building; null for a scope of one building or none. */
  buildings: BuildingTally[] | null;
  shops: DigestShop[];
  /** The notices of the last week that reached the scope (absent where not read). */
  notices?: NoticeDigest[];
}

/** One staff member's digest of one day, over their scope; undefined for someone who is not staff. */
export async function staffDigest(q: Queryable, cipher: FieldCipher, request: DigestRequest): Promise<Digest | undefined> {
  return (await staffDigestReport(q, cipher, request, { details: false }))?.digest;
}

/** The digest and its details (per building, per shop), read in the one transaction the caller holds. */
export async function staffDigestReport(
  q: Queryable,
  cipher: FieldCipher,
  request: DigestRequest,
  options: { details: boolean } = { details: true },
): Promise<DigestReport | undefined> {
  const scope = await digestScopeOf(q, request.personId);
  if (!scope) return undefined;
  // Read as the staff member: row-level security keeps every query inside their scope.
  return readAsStaff(q, scope, async (staffQ) => {
    await allowLargeReads(staffQ);
    return scopedDigestReport(staffQ, cipher, request, scope, options);
  });
}

async function scopedDigestReport(
  q: Queryable,
  cipher: FieldCipher,
  request: DigestRequest,
  scope: DigestScope,
  options: { details: boolean },
): Promise<DigestReport> {
  const window = digestWindow(request.day, request.timeZone);
  // The residents and the census's coverage of both days come from one pass over the community.
  const population = await populationOf(q, scope, window, censusWindows(request).yesterday);
  const rows = await loadDigestRows(q, cipher, scope, window, population.residents);
  const digest = {
    ...buildDigest(rows, window, scope.places, request.now),
    census: await censusOf(q, scope, request, population),
    campaigns: await campaignsForDigest(q, scope.areaIds, request),
  };
  if (!options.details) return { digest, buildings: null, shops: [] };

  const buildings = await buildingsAmong(q, scope.areaIds);
  let tallies: BuildingTally[] | null = null;
  if (buildings.length > 1) {
    const people = rows.checkins.map((row) => row.personId);
    tallies = buildingTallies(rows, window, request.now, buildings, await buildingsOfPeople(q, people));
  }
  return {
    digest,
    notices: await noticesForDigest(q, cipher, scope.areaIds, window),
    buildings: tallies,
    shops: rows.shops.map((shop) => ({
      market: shop.marketName,
      name: shop.shop.name,
      owner: shop.ownerName,
      staff: shop.staffCount,
      answered: shop.answer !== null,
      flagged: (shop.answer?.flagged ?? []).map((person) => ({ name: maskText(person.name), status: maskText(person.status) })),
    })),
  };
}

/** How many people a report names, in its text and its workbook: what reading it is audited as. */
export const peopleInReport = (report: DigestReport): number =>
  peopleNamed(report.digest) + report.shops.reduce((total, shop) => total + shop.flagged.length, 0);
