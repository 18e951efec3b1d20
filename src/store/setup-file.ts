import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { siteKinds, type SiteKind } from './areas.ts';
import { pruneProblems } from './setup-partial.ts';
import { SetupFileError, type SetupProblem, type SetupSource, type SourceLocation } from './setup-problems.ts';
import { staffRoles, type StaffRole } from './staff.ts';

/**
 * A setup file: a community's places, grids, chats and staff, in YAML or JSON (JSON is YAML).
 * Every problem is reported with the file, line, column and field it was found at.
 */

export const setupPlatforms = ['sandbox', 'telegram', 'wechat'] as const;
export type SetupPlatform = (typeof setupPlatforms)[number];
export const setupChatKinds = ['building', 'market', 'staff', 'group'] as const;
export type SetupChatKind = (typeof setupChatKinds)[number];

/** Names below the community, e.g. ['保利紫山', '3栋']; empty for the community itself. */
export type PlacePath = string[];
export type ScopeRef = { kind: 'area'; path: PlacePath } | { kind: 'grid'; name: string };

export interface SetupUnit { name: string; rooms: string[] }
export interface SetupBuilding { name: string; units: SetupUnit[]; rooms: string[] }
export interface SetupSite { name: string; kind: SiteKind; buildings: SetupBuilding[] }
export interface SetupGrid { name: string; areas: PlacePath[] }
export interface SetupChat { platform: SetupPlatform; id: string; title: string | null; kind: SetupChatKind; area: PlacePath | null }
export interface SetupAccount { platform: SetupPlatform; id: string }
export interface SetupStaff { name: string; phone: string | null; role: StaffRole; scope: ScopeRef; accounts: SetupAccount[] }
export interface SetupCommunity { name: string; sites: SetupSite[]; grids: SetupGrid[]; chats: SetupChat[]; staff: SetupStaff[] }
export interface Setup { communities: SetupCommunity[] }

export interface ParsedSetup extends Setup { source: SetupSource }

/** A message for a value of the wrong shape, and a plain one for a field that is missing. */
const expected = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'required' : `expected ${what}`;

const scalarText = (what: string) =>
  z.union([z.string(), z.number()], { error: expected(what) }).transform((value) => String(value).trim());

const name = scalarText('a name')
  .pipe(z.string().min(1, 'must not be empty'))
  .refine((value) => !value.includes('/'), 'must not contain / (it separates the parts of a path)');

const placePath = scalarText('a path like 保利紫山/3栋').transform((value, ctx): PlacePath => {
  const parts = value.split('/').map((part) => part.trim());
  if (parts.some((part) => part === '')) ctx.addIssue({ code: 'custom', message: 'expected a path like 保利紫山/3栋' });
  return parts;
});

const letterO = /(?<=\d)[Oo]|[Oo](?=\d)/;
const everyLetterO = new RegExp(letterO.source, 'g');
const roomNumber = scalarText('a room number like 502').pipe(
  z
    .string()
    // A letter O beside digits (2O1) is a 0 typed wrong, not a room 2 with a suffix: nobody could ever name that room.
    .refine((room) => !letterO.test(room), {
      error: (issue) => `has the letter O where a 0 is meant: write ${String(issue.input).replace(everyLetterO, '0')}, not ${String(issue.input)}`,
    })
    .pipe(z.string().regex(/^(?:[A-Za-z]{1,3}-?)?\d{1,5}(?:-?[A-Za-z0-9]{1,3})?$/, 'expected a room number like 502')),
);

const floorRange = scalarText('floors like 1-18').transform((value, ctx): [number, number] => {
  const match = /^(\d{1,3})(?:\s*-\s*(\d{1,3}))?$/.exec(value);
  const [from, to] = match ? (match[2] === undefined ? [1, Number(match[1])] : [Number(match[1]), Number(match[2])]) : [0, 0];
  if (from < 1 || to < from || to > 200) ctx.addIssue({ code: 'custom', message: 'expected floors like 1-18 (from 1 up to 200)' });
  return [from, to];
});

const phone = scalarText('an 11-digit mobile number like 13800138000')
  .transform((value) => value.replace(/[\s-]/g, '').replace(/^(?:\+?86)(?=1\d{10}$)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, 'expected an 11-digit mobile number like 13800138000'));

const roomFields = {
  rooms: z.array(roomNumber, { error: expected('a list of room numbers like [101, 102]') }).optional(),
  floors: floorRange.optional(),
  roomsPerFloor: z.number({ error: expected('a number of rooms on each floor') }).int().min(1).max(99).optional(),
};

interface RoomFields { rooms?: string[]; floors?: [number, number]; roomsPerFloor?: number }

function checkRooms(value: RoomFields, ctx: z.RefinementCtx): void {
  if (value.floors && value.roomsPerFloor === undefined) {
    ctx.addIssue({ code: 'custom', path: ['floors'], message: 'needs roomsPerFloor beside it (roomsPerFloor: 2 gives 101, 102, 201, ...)' });
  }
  if (value.roomsPerFloor !== undefined && !value.floors) {
    ctx.addIssue({ code: 'custom', path: ['roomsPerFloor'], message: 'needs floors beside it (e.g. floors: 1-18)' });
  }
  noDuplicates(value.rooms ?? [], (room) => room, (index) => ['rooms', index], ctx);
}

/** The listed rooms, then floors × roomsPerFloor: floors 1-2 with 2 per floor → 101, 102, 201, 202. */
function expandRooms(value: RoomFields): string[] {
  const rooms = new Set(value.rooms ?? []);
  if (value.floors && value.roomsPerFloor) {
    for (let floor = value.floors[0]; floor <= value.floors[1]; floor += 1) {
      for (let room = 1; room <= value.roomsPerFloor; room += 1) rooms.add(`${floor}${String(room).padStart(2, '0')}`);
    }
  }
  return [...rooms];
}

function noDuplicates<T>(items: readonly T[], keyOf: (item: T) => string, pathOf: (index: number) => (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: pathOf(index), message: `${key} is listed twice` });
    seen.add(key);
  });
}

const namesUnique = <T extends { name: string }>(field: string, items: readonly T[], ctx: z.RefinementCtx) =>
  noDuplicates(items, (item) => item.name, (index) => [field, index, 'name'], ctx);

const unitSchema = z
  .strictObject({ name, ...roomFields })
  .superRefine(checkRooms)
  .transform((unit): SetupUnit => ({ name: unit.name, rooms: expandRooms(unit) }));

const buildingSchema = z
  .strictObject({ name, units: z.array(unitSchema).optional(), ...roomFields })
  .superRefine((building, ctx) => {
    checkRooms(building, ctx);
    if (building.units && (building.rooms || building.floors)) {
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'a building lists its rooms either in units or directly, not both' });
    }
    namesUnique('units', building.units ?? [], ctx);
  })
  .transform((building): SetupBuilding => ({ name: building.name, units: building.units ?? [], rooms: expandRooms(building) }));

const siteSchema = z
  .strictObject({
    name,
    kind: z.enum(siteKinds, { error: expected(siteKinds.join(' | ')) }).default('compound'),
    buildings: z.array(buildingSchema).default([]),
  })
  .superRefine((site, ctx) => namesUnique('buildings', site.buildings, ctx));

const gridSchema = z.strictObject({ name, areas: z.array(placePath).default([]) });

const platform = z.enum(setupPlatforms, { error: expected(setupPlatforms.join(' | ')) });

const chatSchema = z
  .strictObject({
    platform,
    id: scalarText("the platform's chat id").pipe(z.string().min(1, 'must not be empty')),
    title: scalarText('a title').optional(),
    kind: z.enum(setupChatKinds, { error: expected(setupChatKinds.join(' | ')) }),
    area: placePath.optional(),
  })
  .superRefine((chat, ctx) => {
    if ((chat.kind === 'building' || chat.kind === 'market') && !chat.area) {
      ctx.addIssue({ code: 'custom', path: ['area'], message: `required for a ${chat.kind} chat (e.g. area: 保利紫山/3栋)` });
    }
  })
  .transform((chat): SetupChat => ({
    ...chat,
    // A sandbox chat is known by its title, so its id doubles as one.
    title: chat.title ?? (chat.platform === 'sandbox' ? chat.id : null),
    area: chat.area ?? null,
  }));

const accountSchema = z.strictObject({ platform, id: scalarText("the platform's user id").pipe(z.string().min(1, 'must not be empty')) });

const scopeSchema = placePath.transform((parts): ScopeRef => {
  const [first, ...rest] = parts;
  if (first?.startsWith('grid:') && rest.length === 0) return { kind: 'grid', name: first.slice('grid:'.length).trim() };
  return { kind: 'area', path: parts };
});

const staffSchema = z
  .strictObject({
    name,
    phone: phone.optional(),
    role: z.enum(staffRoles, { error: expected(staffRoles.join(' | ')) }),
    scope: scopeSchema,
    accounts: z.array(accountSchema).default([]),
  })
  .superRefine((staff, ctx) => {
    if (staff.accounts.length === 0 && !staff.phone) {
      ctx.addIssue({ code: 'custom', path: ['accounts'], message: 'a staff member needs an account or a phone, so that the next run finds the same person' });
    }
    noDuplicates(staff.accounts, (account) => `${account.platform}:${account.id}`, (index) => ['accounts', index], ctx);
  })
  .transform((staff): SetupStaff => ({ ...staff, phone: staff.phone ?? null }));

const communitySchema = z
  .strictObject({
    name,
    sites: z.array(siteSchema).default([]),
    grids: z.array(gridSchema).default([]),
    chats: z.array(chatSchema).default([]),
    staff: z.array(staffSchema).default([]),
  })
  .superRefine((community, ctx) => {
    namesUnique('sites', community.sites, ctx);
    namesUnique('grids', community.grids, ctx);
  });

export const setupFileSchema = z
  .strictObject(
    { communities: z.array(communitySchema, { error: expected('a list of communities') }).min(1, 'expected at least one community') },
    { error: expected('a mapping with communities: [...]') },
  )
  .superRefine((setup, ctx) => {
    namesUnique('communities', setup.communities, ctx);
    // Chat ids are unique per platform across the whole store, so across the whole file too.
    const chats = setup.communities.flatMap((community, c) => community.chats.map((chat, index) => ({ chat, path: ['communities', c, 'chats', index, 'id'] })));
    noDuplicates(chats, ({ chat }) => `${chat.platform}:${chat.id}`, (index) => chats[index]?.path ?? [], ctx);
  });

function sourceOf(fileName: string, doc: Document, lines: LineCounter): SetupSource {
  const at = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  return {
    fileName,
    locate(path, options = {}) {
      // A field is shown at its value when that is a scalar, else at its key (an unknown field,
      // a list that starts on the next line); a missing field at the nearest enclosing node.
      for (let depth = path.length; depth > 0; depth -= 1) {
        const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
        const key = path[depth - 1];
        const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
        if (!options.atKey && isScalar(pair?.value) && pair.value.range) return at(pair.value.range[0]);
        if (isNode(pair?.key) && pair.key.range) return at(pair.key.range[0]);
        const node = doc.getIn(path.slice(0, depth), true);
        if (isNode(node) && node.range) return at(node.range[0]);
      }
      return isNode(doc.contents) && doc.contents.range ? at(doc.contents.range[0]) : { line: 1, column: 1 };
    },
  };
}

function problemsOf(issues: readonly z.core.$ZodIssue[]): Omit<SetupProblem, 'location'>[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field', atKey: true }));
    }
    return [{ path, message: issue.message }];
  });
}

/** The setup in `text`, or a SetupFileError naming the line, column and field of every problem. */
export function parseSetupFile(text: string, fileName: string): ParsedSetup {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const source = sourceOf(fileName, doc, lines);
  // After the first syntax error the parser's further complaints are mostly echoes of it;
  // duplicate keys stand on their own.
  const syntaxErrors = doc.errors.filter((error, index) => index === 0 || error.code === 'DUPLICATE_KEY');
  if (syntaxErrors.length > 0) {
    throw new SetupFileError(
      fileName,
      syntaxErrors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { path: [], message: error.message.split('\n')[0] ?? error.code, location: { line, column: col } };
      }),
    );
  }
  const data: unknown = doc.toJS();
  const parsed = setupFileSchema.safeParse(data);
  if (parsed.success) return { ...parsed.data, source };
  const problems = problemsOf(parsed.error.issues);
  const error = SetupFileError.at(source, problems);
  const pruned = pruneProblems(data, problems);
  const rest = pruned ? setupFileSchema.safeParse(pruned.data) : undefined;
  if (pruned && rest?.success) {
    error.partial = { ...rest.data, source: { fileName, locate: (path, options) => source.locate(pruned.original(path), options) } };
  }
  throw error;
}
