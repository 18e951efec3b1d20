import { findCommunity } from '../store/areas.ts';
import { campaignsNamed, type Campaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';

/** A community by the name the setup file gave it; an error that says how to load one otherwise. */
export async function communityNamed(q: Queryable, name: string): Promise<{ id: number; name: string }> {
  const community = await findCommunity(q, name);
  if (!community) throw new Error(`no community ${name}; load it with linli setup first`);
  return { id: community.id, name: community.name };
}

/**
 * The campaign a command names. A name is unique within a community; where it is used in several,
 * --community chooses, and the error says which communities have it.
 */
export async function campaignNamed(q: Queryable, name: string, community?: string): Promise<Campaign> {
  const within = community === undefined ? undefined : [(await communityNamed(q, community)).id];
  const found = await campaignsNamed(q, name, within);
  const [first] = found;
  if (!first) throw new Error(`no campaign named ${name}${community ? ` in ${community}` : ''}; see linli campaign list`);
  if (found.length > 1) {
    const rows = await q.query<{ name: string }>('SELECT name FROM areas WHERE id = ANY($1::bigint[]) ORDER BY id', [found.map((c) => c.communityId)]);
    throw new Error(`${name} is a campaign in ${rows.length} communities (${rows.map((row) => row.name).join(', ')}): choose one with --community NAME`);
  }
  return first;
}
