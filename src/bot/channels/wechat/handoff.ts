import { types, type Friendship } from 'wechaty';
import { getAccount } from '../../../store/accounts.ts';
import { findOrCreateChat } from '../../../store/chats.ts';
import { findOpenHandoffCode, redeemHandoffCode } from '../../../store/handoff-codes.ts';
import type { BotDeps } from '../../deps.ts';
import type { Inbound } from '../../message.ts';
import { handoffCodesIn, registerWord } from './friend-hello.ts';
import { wechatPlatform } from './inbound.ts';

/**
 * On WeChat a bot cannot write first to someone who is not its friend. A resident asked to
 * register in a group adds the bot as a friend, with the hand-off code of the invitation in the
 * greeting; the code ties the new friend to the account the group knew, and the request becomes
 * the resident's first private message: 登记.
 */

/** The parts of a Wechaty friend request that the hand-off reads and answers. */
export type FriendRequest = Pick<Friendship, 'id' | 'type' | 'hello' | 'contact' | 'accept'>;

export type FriendRequestOutcome =
  | { kind: 'not-a-request' }
  | { kind: 'no-code' }
  | { kind: 'unknown-code' }
  /** The code's own person: the form they began in the group goes on in the private chat. */
  | { kind: 'accepted'; accountId: number; inbound: Inbound }
  /**
   * A good code from someone else's invitation (invitations are read by the whole group): a friend
   * all the same, who starts a form of their own; the code stays good for its owner.
   */
  | { kind: 'accepted-other'; inbound: Inbound };

/**
 * Accepts a friend request that carries a valid hand-off code, records the private chat (so that
 * registration finds where to write) and returns the private message "登记" for the caller to
 * ingest. The code is used up only by the person it was made for: someone else who copied it
 * from the group becomes a friend with a form of their own, and never takes over the owner's.
 * (A resident whose WeChat id changed since the invitation is such a someone else: their fresh
 * form joins their earlier records by ID number when they submit it.) A request without a valid
 * code is left for a person to answer on the phone.
 */
export async function takeFriendRequest(deps: BotDeps, request: FriendRequest): Promise<FriendRequestOutcome> {
  if (request.type() !== types.Friendship.Receive) return { kind: 'not-a-request' };
  const codes = handoffCodesIn(request.hello());
  if (codes.length === 0) return { kind: 'no-code' };
  const contact = request.contact();
  const now = deps.clock();
  const taken = await deps.db.transaction(async (tx) => {
    let other: number | undefined;
    let own: { code: string; accountId: number } | undefined;
    for (const code of codes) {
      const open = await findOpenHandoffCode(tx, code, now);
      if (!open) continue;
      const account = await getAccount(tx, open.accountId);
      if (account.platform === wechatPlatform && account.platformUserId === contact.id) own ??= { code, accountId: open.accountId };
      else other ??= open.accountId;
    }
    if (own) await redeemHandoffCode(tx, own.code, now);
    else if (other === undefined) return undefined;
    // Accepting inside the transaction: if WeChat refuses, the code stays good for another try.
    await request.accept();
    await findOrCreateChat(tx, { platform: wechatPlatform, platformChatId: contact.id, kind: 'private' });
    return own ? { accountId: own.accountId } : {};
  });
  if (!taken) return { kind: 'unknown-code' };
  const inbound: Inbound = {
    platform: wechatPlatform,
    chatId: contact.id,
    chatKind: 'private',
    chatTitle: null,
    senderId: contact.id,
    senderName: (contact.name() || contact.id).slice(0, 256),
    text: registerWord,
    mentionsBot: false,
    files: [],
    messageId: `friendship:${request.id}`,
    at: now,
  };
  return taken.accountId === undefined ? { kind: 'accepted-other', inbound } : { kind: 'accepted', accountId: taken.accountId, inbound };
}
