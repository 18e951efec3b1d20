import { roomText } from '../../dialogs/room-answer.ts';
import { readRoomMark, type RoomMarkState } from '../../dialogs/room-mark-answer.ts';
import { t } from '../../dialogs/messages/index.ts';
import type { Room } from '../../dialogs/answers/index.ts';
import { campaignAreaIds } from '../../store/campaign-coverage.ts';
import { runningCampaigns } from '../../store/campaigns.ts';
import { activeSession } from '../../store/dialog-sessions.ts';
import { currentRoomOf, markRoomByResident, namedRoom, type NamedRoom } from '../../store/room-marks.ts';
import { labelOf, loadRoomDirectory } from '../../store/rooms.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';

type Outcome =
  | { kind: 'mark'; state: RoomMarkState; room: NamedRoom }
  | { kind: 'which-room' }
  | { kind: 'unknown-room'; text: string };

const outcomes = new WeakMap<HandlerContext, Outcome>();

/** The sites a room could be in: the resident's own first, then every site a running campaign reaches. */
async function candidateSites(context: HandlerContext, own: NamedRoom | undefined, campaignAreas: ReadonlySet<number>): Promise<number[]> {
  const rows = await context.tx.query<{ id: number }>(`SELECT id FROM areas WHERE kind = 'site' AND id = ANY($1::bigint[]) ORDER BY id`, [
    [...campaignAreas],
  ]);
  const sites = rows.map((row) => row.id);
  return own?.siteId ? [own.siteId, ...sites.filter((id) => id !== own.siteId)] : sites;
}

/** The room named: 102 alone is read in the resident's own building (and unit). */
async function resolveRoom(context: HandlerContext, room: Room, own: NamedRoom | undefined, campaignAreas: ReadonlySet<number>): Promise<number | null> {
  const completed: Room =
    room.building === null && own ? { ...room, building: labelOf(own.building), unit: room.unit ?? (own.unit ? labelOf(own.unit) : null) } : room;
  for (const siteId of await candidateSites(context, own, campaignAreas)) {
    const id = (await loadRoomDirectory(context.tx, siteId)).resolve(completed);
    if (id !== null) return id;
  }
  return null;
}

async function decide(context: HandlerContext): Promise<Outcome | undefined> {
  const { message } = context;
  if (message.chat.kind !== 'private') return undefined;
  const reading = readRoomMark(message.text);
  if (!reading) return undefined;
  // Text inside a form is the form's answer, never a mark.
  if (await activeSession(context.tx, context.cipher, message.account.accountId)) return undefined;
  const campaigns = await runningCampaigns(context.tx, context.today);
  if (campaigns.length === 0) return undefined;
  const campaignAreas = new Set<number>();
  for (const campaign of campaigns) for (const id of await campaignAreaIds(context.tx, campaign)) campaignAreas.add(id);
  const own = await currentRoomOf(context.tx, message.account.personId, context.today);
  if (reading.room) {
    const roomId = await resolveRoom(context, reading.room, own, campaignAreas);
    if (roomId === null) return { kind: 'unknown-room', text: roomText(reading.room) };
    const room = await namedRoom(context.tx, roomId);
    return room && campaignAreas.has(roomId) ? { kind: 'mark', state: reading.state, room } : undefined;
  }
  if (!own) return { kind: 'which-room' };
  return campaignAreas.has(own.roomId) ? { kind: 'mark', state: reading.state, room: own } : undefined;
}

/**
 * A resident says privately that a room is empty or that the household is away, while a campaign
 * runs for that place: the room is marked (accounted for in the count) and the resident told so,
 * with the room number; asked which room when that is not known.
 */
export const roomMarkRule: RouteRule = {
  route: 'command',
  async matches(context) {
    const outcome = await decide(context);
    if (!outcome) return false;
    outcomes.set(context, outcome);
    return true;
  },
  async handle(context) {
    const outcome = outcomes.get(context);
    if (!outcome) return;
    if (outcome.kind === 'which-room') {
      context.reply(t(context.lang, 'campaign-drive.mark-which-room'));
    } else if (outcome.kind === 'unknown-room') {
      context.reply(t(context.lang, 'campaign-drive.mark-unknown-room', { room: outcome.text }));
    } else {
      await markRoomByResident(context.tx, {
        roomId: outcome.room.roomId,
        state: outcome.state,
        personId: context.message.account.personId,
        at: context.now,
      });
      context.reply(t(context.lang, outcome.state === 'empty' ? 'campaign-drive.mark-empty' : 'campaign-drive.mark-away', { room: outcome.room.label }));
    }
  },
};
