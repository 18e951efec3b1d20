import { format, parseISO, subDays } from 'date-fns';
import type { Queryable } from '../store/db.ts';
import type { DigestScope } from '../store/digest-scope.ts';
import { loadRegistryChecks } from '../store/registry-checks.ts';
import { digestWindow } from './digest.ts';
import { buildRegistryDigest, type RegistryDigest } from './registry-digest.ts';

/** The digest's census section for a staff member's scope and day, with yesterday's coverage to compare. */
export async function censusOf(q: Queryable, scope: DigestScope, request: { day: string; timeZone: string }): Promise<RegistryDigest> {
  const yesterday = format(subDays(parseISO(request.day), 1), 'yyyy-MM-dd');
  const rows = await loadRegistryChecks(q, scope, digestWindow(request.day, request.timeZone), digestWindow(yesterday, request.timeZone));
  return buildRegistryDigest(rows, request.timeZone);
}
