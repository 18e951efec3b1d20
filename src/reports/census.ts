import { format, parseISO, subDays } from 'date-fns';
import type { Queryable } from '../store/db.ts';
import type { Population } from '../store/digest-population.ts';
import type { DigestWindow } from '../store/digest-rows.ts';
import type { DigestScope } from '../store/digest-scope.ts';
import { loadRegistryChecks } from '../store/registry-checks.ts';
import { digestWindow } from './digest.ts';
import { buildRegistryDigest, type RegistryDigest } from './registry-digest.ts';

/** The day the census speaks for and the day before it, whose coverage it compares against. */
export function censusWindows(request: { day: string; timeZone: string }): { today: DigestWindow; yesterday: DigestWindow } {
  const yesterday = format(subDays(parseISO(request.day), 1), 'yyyy-MM-dd');
  return { today: digestWindow(request.day, request.timeZone), yesterday: digestWindow(yesterday, request.timeZone) };
}

/**
 * The digest's census section for a staff member's scope and day, with yesterday's coverage to
 * compare; `population` is the digest's pass over the community (read here when not given).
 */
export async function censusOf(
  q: Queryable,
  scope: DigestScope,
  request: { day: string; timeZone: string },
  population?: Population,
): Promise<RegistryDigest> {
  const { today, yesterday } = censusWindows(request);
  const rows = await loadRegistryChecks(q, scope, today, yesterday, population);
  return buildRegistryDigest(rows, request.timeZone);
}
