import { TZDate } from '@date-fns/tz';
import { Command, Option } from 'commander';
import { format } from 'date-fns';
import { areaPath, findAreaByPath, findCommunity, type AreaRecord } from '../store/areas.ts';
import {
  bindChatKinds,
  bindKindProblem,
  createBindCode,
  defaultBindKind,
  type BindChatKind,
  type BindCodeRecord,
} from '../store/bind-codes.ts';
import type { Queryable } from '../store/db.ts';
import { wholeNumber } from './arguments.ts';
import { withStore } from './context.ts';

/** A place as the command line names it, and the kind of group that will serve it. */
export interface BindTarget {
  community?: string;
  site?: string;
  building?: string;
  kind?: BindChatKind;
}

/** A target that names no place in the store, or a kind of group that cannot serve it. */
export class BindTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindTargetError';
  }
}

async function communitiesNamed(q: Queryable, name: string | undefined): Promise<AreaRecord[]> {
  if (name !== undefined) {
    const community = await findCommunity(q, name);
    if (!community) throw new BindTargetError(`no community ${name} (npx linli setup FILE loads one)`);
    return [community];
  }
  const rows = await q.query<{ id: number; name: string }>("SELECT id, name FROM areas WHERE kind = 'community' ORDER BY id");
  return rows.map((row) => ({ id: row.id, parentId: null, kind: 'community', siteKind: null, name: row.name }));
}

async function siteNamed(q: Queryable, communities: readonly AreaRecord[], site: string): Promise<AreaRecord> {
  const found: AreaRecord[] = [];
  for (const community of communities) {
    const area = await findAreaByPath(q, community.id, [site]);
    if (area?.kind === 'site') found.push(area);
  }
  const [only, ...others] = found;
  if (!only) throw new BindTargetError(`no site ${site}${communities.length === 1 ? ` in ${communities[0]?.name}` : ''}`);
  if (others.length > 0) {
    const names = await Promise.all(found.map(async (area) => (await areaPath(q, area.id))[0]));
    throw new BindTargetError(`${site} is in several communities (${names.join(', ')}): add --community`);
  }
  return only;
}

/** The area and kind a code will bind to: a site, a building of it, or a whole community. */
export async function resolveBindTarget(q: Queryable, target: BindTarget): Promise<{ area: AreaRecord; kind: BindChatKind }> {
  const communities = await communitiesNamed(q, target.community);
  let area: AreaRecord;
  if (target.site !== undefined) {
    const site = await siteNamed(q, communities, target.site);
    if (target.building === undefined) {
      area = site;
    } else {
      const building = await findAreaByPath(q, site.id, [target.building]);
      if (building?.kind !== 'building') throw new BindTargetError(`no building ${target.building} in ${target.site}`);
      area = building;
    }
  } else {
    if (target.building !== undefined) throw new BindTargetError('--building needs --site');
    const [only, ...others] = communities;
    if (!only) throw new BindTargetError('the store has no community yet (npx linli setup FILE loads one)');
    if (others.length > 0) throw new BindTargetError('name the place: --site (and --building), or --community');
    area = only;
  }
  const kind = target.kind ?? defaultBindKind(area);
  const problem = bindKindProblem(kind, area);
  if (problem) throw new BindTargetError(`a ${kind} group cannot serve ${(await areaPath(q, area.id)).join('/')}: ${problem}`);
  return { area, kind };
}

export interface MadeBindCode {
  code: BindCodeRecord;
  place: string[];
}

export async function makeBindCode(q: Queryable, target: BindTarget, options: { ttlHours: number; now?: Date }): Promise<MadeBindCode> {
  const { area, kind } = await resolveBindTarget(q, target);
  const code = await createBindCode(q, { areaId: area.id, chatKind: kind, createdBy: null, ttlHours: options.ttlHours, now: options.now });
  return { code, place: await areaPath(q, area.id) };
}

/** What to tell the person who will post the code. */
export function describeBindCode(made: MadeBindCode, timeZone: string): string[] {
  const { code } = made.code;
  const until = format(new TZDate(made.code.expiresAt.getTime(), timeZone), 'yyyy-MM-dd HH:mm');
  return [
    code,
    `  for: ${made.place.join(' / ')} (${made.code.chatKind} group)`,
    `  valid until ${until} (${timeZone}), once`,
    `  post in the group to bind:  /bind ${code}   (or: 绑定 ${code})`,
  ];
}

const positiveHours = wholeNumber(1, 24 * 30, 'hours');

interface BindCodeOptions extends BindTarget {
  hours: number;
  json?: boolean;
}

export function bindCodeCommand(): Command {
  return new Command('bind-code')
    .option('--community <name>', 'the community (needed only when a site name is in several)')
    .option('--site <name>', 'the site: a compound, urban village or market, e.g. 保利紫山')
    .option('--building <name>', 'a building of the site, e.g. 3栋')
    .addOption(
      new Option('--kind <kind>', 'the kind of group (default: building with --building, market for a market, else group)').choices(
        bindChatKinds,
      ),
    )
    .option('--hours <n>', 'how long the code stays valid', positiveHours, 72)
    .option('--json', 'print {"code", "place", "kind", "expiresAt"}')
    .addHelpText(
      'after',
      '\nExamples:\n  npx linli bind-code --site 保利紫山 --building 3栋\n  npx linli bind-code --community 幸福社区 --kind staff\n\nOnly staff whose scope covers the place can use the code; it works once.',
    )
    .action(async (options: BindCodeOptions) => {
      try {
        await withStore(
          async ({ database, config }) => {
            const made = await makeBindCode(database.db, options, { ttlHours: options.hours });
            const lines = options.json
              ? [JSON.stringify({ code: made.code.code, place: made.place, kind: made.code.chatKind, expiresAt: made.code.expiresAt.toISOString() })]
              : describeBindCode(made, config.timeZone);
            process.stdout.write(`${lines.join('\n')}\n`);
          },
          { logLevel: 'warn' },
        );
      } catch (error) {
        if (!(error instanceof BindTargetError)) throw error;
        process.stderr.write(`linli bind-code: ${error.message}\n`);
        process.exitCode = 1;
      }
    });
}
