import type { FieldCipher } from '../store/crypto.ts';
import type { Queryable } from '../store/db.ts';
import { loadDigestRows } from '../store/digest-rows.ts';
import { digestScopeOf } from '../store/digest-scope.ts';
import { buildDigest, digestWindow, type Digest } from './digest.ts';

/** One staff member's digest of one day, over their scope; undefined for someone who is not staff. */
export async function staffDigest(
  q: Queryable,
  cipher: FieldCipher,
  request: { personId: number; day: string; timeZone: string; now: Date },
): Promise<Digest | undefined> {
  const scope = await digestScopeOf(q, request.personId);
  if (!scope) return undefined;
  const window = digestWindow(request.day, request.timeZone);
  const rows = await loadDigestRows(q, cipher, scope, window);
  return buildDigest(rows, window, scope.places, request.now);
}
