import { t, type MessageKey } from '../../dialogs/messages/index.ts';
import { areaPath, findAreaByPath, findCommunity, gridAreaIds, type AreaRecord } from '../../store/areas.ts';
import {
  bindChat,
  bindKindProblem,
  createBindCode,
  defaultBindKind,
  getAreaOrThrow,
  lockBindCode,
  markBindCodeUsed,
  normalizeBindCode,
  placeName,
  rolesCovering,
  unbindChat,
  type BindChatKind,
} from '../../store/bind-codes.ts';
import { recordRefusal } from '../../store/audit.ts';
import { staffOf, type StaffRecord } from '../../store/staff.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';

/**
 * Binding a group to a place: staff post a bind code in the group (/bind CODE, 绑定 CODE), undo it
 * (/unbind, 解绑), and get a code in a private chat (/bindcode [place] [kind]).
 */
type BindIntent =
  | { kind: 'bind'; typed: string }
  | { kind: 'unbind'; bare: boolean }
  | { kind: 'make-code'; args: string };

const slash = (name: string) => new RegExp(`^/${name}(?:@\\S+)?(?:\\s+([\\s\\S]*))?$`, 'i');
const bindSlash = slash('bind');
const unbindSlash = slash('unbind');
const makeCodeSlash = slash('bindcode');
/** 绑定 K7QX4M: only with something shaped like a code, so that talk about 绑定银行卡 is left alone. */
const bindWord = /^绑定\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9 -]*)$/;
const makeCodeWord = /^(?:生成)?绑定码(?:\s+([\s\S]*))?$/;

export function readBindIntent(text: string): BindIntent | undefined {
  const trimmed = text.trim();
  const bind = bindSlash.exec(trimmed);
  if (bind) return { kind: 'bind', typed: (bind[1] ?? '').trim() };
  const word = bindWord.exec(trimmed);
  if (word?.[1] && normalizeBindCode(word[1])) return { kind: 'bind', typed: word[1].trim() };
  if (unbindSlash.test(trimmed)) return { kind: 'unbind', bare: false };
  if (trimmed === '解绑' || trimmed === '解除绑定') return { kind: 'unbind', bare: true };
  const makeCode = makeCodeSlash.exec(trimmed) ?? makeCodeWord.exec(trimmed);
  if (makeCode) return { kind: 'make-code', args: (makeCode[1] ?? '').trim() };
  return undefined;
}

const kindLabels: Record<BindChatKind, MessageKey> = {
  building: 'bind.kind.building',
  market: 'bind.kind.market',
  staff: 'bind.kind.staff',
  group: 'bind.kind.group',
};

const kindWords: Record<string, BindChatKind> = {
  building: 'building',
  楼栋群: 'building',
  楼栋: 'building',
  market: 'market',
  市场群: 'market',
  市场: 'market',
  staff: 'staff',
  工作群: 'staff',
  group: 'group',
  普通群: 'group',
};

const validHours = 72;

function say(context: HandlerContext, key: MessageKey, params: Record<string, string | number> = {}): void {
  context.reply(t(context.lang, key, params));
}

/** Someone who is not staff tried a binding command: told so, and the refusal kept. */
async function refuse(context: HandlerContext, command: string, key: MessageKey): Promise<void> {
  await recordRefusal(context.tx, { personId: context.message.account.personId, command, reason: 'not-staff', chatKind: context.message.chat.kind });
  say(context, key);
}

const kindLabel = (context: HandlerContext, kind: string) =>
  kind in kindLabels ? t(context.lang, kindLabels[kind as BindChatKind]) : kind;

async function bind(context: HandlerContext, typed: string): Promise<void> {
  const { chat, account } = context.message;
  const { tx } = context;
  if (chat.kind === 'private') return say(context, 'bind.groupOnly');
  const staff = await staffOf(tx, account.personId);
  if (staff.length === 0) return refuse(context, 'bind', 'bind.notStaff');
  if (typed === '') return say(context, 'bind.usage');
  const normalized = normalizeBindCode(typed);
  const code = normalized ? await lockBindCode(tx, normalized) : undefined;
  if (!code) return say(context, 'bind.unknownCode', { code: typed.slice(0, 20) });
  const place = await placeName(tx, code.areaId);
  const kind = kindLabel(context, code.chatKind);
  if (code.usedAt) {
    if (code.usedByChatId === chat.id && chat.areaId === code.areaId) return say(context, 'bind.already', { place, kind });
    return say(context, 'bind.usedCode', { code: code.code });
  }
  if (code.expiresAt.getTime() <= context.now.getTime()) return say(context, 'bind.expiredCode', { code: code.code });
  if ((await rolesCovering(tx, staff, code.areaId)).length === 0) {
    return say(context, 'bind.outOfScope', { code: code.code, place });
  }
  // Moving a bound group takes a say over the place it serves now as well.
  const previous = chat.areaId;
  if (previous !== null && previous !== code.areaId && (await rolesCovering(tx, staff, previous)).length === 0) {
    return say(context, 'bind.chatOutOfScope', { place: await placeName(tx, previous) });
  }
  await bindChat(tx, chat.id, code.areaId, code.chatKind, context.now);
  await markBindCodeUsed(tx, code.code, chat.id, context.now);
  if (previous === null || previous === code.areaId) return say(context, 'bind.done', { place, kind });
  say(context, 'bind.moved', { place, kind, previous: await placeName(tx, previous) });
}

async function unbind(context: HandlerContext): Promise<void> {
  const { chat, account } = context.message;
  const { tx } = context;
  if (chat.kind === 'private') return say(context, 'bind.groupOnly');
  const staff = await staffOf(tx, account.personId);
  if (staff.length === 0) return refuse(context, 'unbind', 'bind.notStaff');
  if (chat.areaId === null) return say(context, 'bind.notBound');
  const place = await placeName(tx, chat.areaId);
  if ((await rolesCovering(tx, staff, chat.areaId)).length === 0) return say(context, 'bind.chatOutOfScope', { place });
  await unbindChat(tx, chat.id);
  say(context, 'bind.unbound', { place });
}

/** The places a path names for this staff member: below each community they work in, or below their own scope. */
async function placesNamed(context: HandlerContext, staff: readonly StaffRecord[], names: readonly string[]): Promise<AreaRecord[]> {
  const found = new Map<number, AreaRecord>();
  const add = (area: AreaRecord | undefined) => {
    if (area) found.set(area.id, area);
  };
  for (const role of staff) {
    const communityName = role.scope.kind === 'area' ? role.scope.path[0] : undefined;
    const communityId =
      role.scope.kind === 'grid' ? role.scope.communityId : communityName ? (await findCommunity(context.tx, communityName))?.id : undefined;
    if (communityId === undefined) continue;
    const community = await getAreaOrThrow(context.tx, communityId);
    add(names[0] === community.name ? await findAreaByPath(context.tx, communityId, names.slice(1)) : undefined);
    add(await findAreaByPath(context.tx, communityId, names));
    if (role.scope.kind === 'area') add(await findAreaByPath(context.tx, role.scope.areaId, names));
  }
  return [...found.values()];
}

function scopeNames(context: HandlerContext, staff: readonly StaffRecord[]): string {
  return staff
    .map((role) => (role.scope.kind === 'area' ? role.scope.path.join(' / ') : t(context.lang, 'bind.scope.grid', { name: role.scope.name })))
    .join('、');
}

/** A place below the community that the staff member may bind, to show how a path is written. */
async function examplePath(tx: HandlerContext['tx'], staff: readonly StaffRecord[]): Promise<string> {
  for (const role of staff) {
    const [areaId] = role.scope.kind === 'area' ? [role.scope.areaId] : await gridAreaIds(tx, role.scope.gridId);
    const path = areaId === undefined ? [] : await areaPath(tx, areaId);
    if (path.length > 1) return path.slice(1).join('/');
  }
  return '保利紫山/3栋';
}

async function makeCode(context: HandlerContext, args: string): Promise<void> {
  const { chat, account } = context.message;
  const { tx } = context;
  if (chat.kind !== 'private') return say(context, 'bind.code.privateOnly');
  const staff = await staffOf(tx, account.personId);
  if (staff.length === 0) return refuse(context, 'bindcode', 'bind.code.notStaff');
  const words = args.split(/\s+/).filter((word) => word !== '');
  const last = words.at(-1);
  const asked = last !== undefined ? kindWords[last.toLowerCase()] : undefined;
  const names = (asked ? words.slice(0, -1) : words).join('/').split('/').filter((name) => name !== '');
  const example = await examplePath(tx, staff);
  let area: AreaRecord;
  if (names.length === 0) {
    const areaScopes = [...new Set(staff.flatMap((role) => (role.scope.kind === 'area' ? [role.scope.areaId] : [])))];
    const hasGrid = staff.some((role) => role.scope.kind === 'grid');
    const only = areaScopes.length === 1 && !hasGrid ? areaScopes[0] : undefined;
    if (only === undefined) return say(context, 'bind.code.needPlace', { example, scopes: scopeNames(context, staff) });
    area = await getAreaOrThrow(tx, only);
  } else {
    const candidates = await placesNamed(context, staff, names);
    if (candidates.length === 0) return say(context, 'bind.code.unknownPlace', { path: names.join('/'), example });
    const covered: AreaRecord[] = [];
    for (const candidate of candidates) {
      if ((await rolesCovering(tx, staff, candidate.id)).length > 0) covered.push(candidate);
    }
    const first = covered[0] ?? candidates[0];
    if (!first) return say(context, 'bind.code.unknownPlace', { path: names.join('/'), example });
    if (covered.length === 0) return say(context, 'bind.code.outOfScope', { place: await placeName(tx, first.id) });
    area = first;
  }
  const kind = asked ?? defaultBindKind(area);
  const place = await placeName(tx, area.id);
  if (bindKindProblem(kind, area)) return say(context, 'bind.code.kindMismatch', { place, kind: kindLabel(context, kind) });
  const [creator] = await rolesCovering(tx, staff, area.id);
  const code = await createBindCode(tx, {
    areaId: area.id,
    chatKind: kind,
    createdBy: creator?.id ?? null,
    ttlHours: validHours,
    now: context.now,
  });
  say(context, 'bind.code.created', { code: code.code, place, kind: kindLabel(context, kind), hours: validHours });
}

/**
 * Tried before the commands. A bare 解绑 in a group that does not mention the bot is taken only
 * from staff: from anyone else it is talk, not a command.
 */
export const bindRule: RouteRule = {
  route: 'command',
  async matches(context) {
    const intent = readBindIntent(context.message.text);
    if (!intent) return false;
    if (intent.kind !== 'unbind' || !intent.bare) return true;
    if (context.message.chat.kind === 'private' || context.message.mentionsBot) return true;
    return (await staffOf(context.tx, context.message.account.personId)).length > 0;
  },
  async handle(context) {
    const intent = readBindIntent(context.message.text);
    if (intent?.kind === 'bind') await bind(context, intent.typed);
    else if (intent?.kind === 'unbind') await unbind(context);
    else if (intent?.kind === 'make-code') await makeCode(context, intent.args);
  },
};
