/**
 * The daily status of a shop's staff: the morning question to the owner, and the owner's answers.
 * An answer is health data about named people: it is stored encrypted, and every answer is kept;
 * the day's status is the latest.
 */

import { z } from 'zod';
import type { FieldCipher } from '../privacy/index.ts';
import { maybeOne, type Queryable } from './db.ts';
import { shopsOfMarkets, type Shop } from './shops.ts';

export const shopStatusSchema = z.object({
  allNormal: z.boolean(),
  flagged: z.array(z.object({ name: z.string().min(1), status: z.string().min(1) })),
});
export type ShopStatus = z.infer<typeof shopStatusSchema>;

/** The morning question to a shop: once a day; false when it was asked already. */
export async function recordAsk(
  q: Queryable,
  ask: { shopId: number; day: string; chatId: number | null; accountId: number | null },
): Promise<boolean> {
  const inserted = await q.query(
    `INSERT INTO shop_status_asks (roster_id, day, chat_id, account_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (roster_id, day) DO NOTHING RETURNING id`,
    [ask.shopId, ask.day, ask.chatId, ask.accountId],
  );
  return inserted.length > 0;
}

export async function hasAnswered(q: Queryable, shopId: number, day: string): Promise<boolean> {
  const row = await maybeOne(q, 'SELECT 1 FROM shop_status_answers WHERE roster_id = $1 AND day = $2 LIMIT 1', [shopId, day]);
  return row !== undefined;
}

export interface NewShopAnswer {
  shopId: number;
  day: string;
  versionId: number | null;
  answeredBy: number;
  sourceInboundId: number | null;
  status: ShopStatus;
}

export async function saveAnswer(q: Queryable, cipher: FieldCipher, answer: NewShopAnswer): Promise<void> {
  await q.query(
    `INSERT INTO shop_status_answers (roster_id, day, version_id, answered_by, source_inbound_id, answer_enc)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [answer.shopId, answer.day, answer.versionId, answer.answeredBy, answer.sourceInboundId, cipher.encrypt(JSON.stringify(answer.status))],
  );
}

/**
 * Marks the day's unanswered questions as reminded, once: what the reminder job says, and to whom.
 * A question that could reach nobody (no chat) is not reminded either.
 */
export async function takeDueReminders(
  q: Queryable,
  day: string,
): Promise<{ shopId: number; shopName: string; chatId: number; accountId: number | null; lang: string }[]> {
  const rows = await q.query<{ roster_id: number; name: string | null; chat_id: number; account_id: number | null; lang: string }>(
    `UPDATE shop_status_asks k SET reminded_at = now()
     FROM rosters r JOIN persons p ON p.id = r.owner_person_id
     WHERE r.id = k.roster_id AND k.day = $1 AND k.reminded_at IS NULL AND k.chat_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM shop_status_answers s WHERE s.roster_id = k.roster_id AND s.day = k.day)
     RETURNING k.roster_id, r.name, k.chat_id, k.account_id, p.lang`,
    [day],
  );
  return rows.map((row) => ({ shopId: row.roster_id, shopName: row.name ?? '', chatId: row.chat_id, accountId: row.account_id, lang: row.lang }));
}

export interface ShopDayStatus {
  shop: Shop;
  marketName: string;
  ownerName: string | null;
  staffCount: number;
  asked: boolean;
  reminded: boolean;
  /** The latest answer of the day; null when the owner has not answered. */
  answer: (ShopStatus & { at: Date }) | null;
}

interface DayRow extends Record<string, unknown> {
  roster_id: number;
  market_name: string;
  owner_name: string | null;
  staff_count: number;
  asked: boolean;
  reminded: boolean;
  answer_enc: string | null;
  answered_at: Date | null;
}

/**
 * Every shop of these markets with its status on a day: asked or not, reminded, the latest answer
 * (decrypted) and how many staff its list has. For the manager's view and the staff digest.
 */
export async function shopStatusesFor(q: Queryable, cipher: FieldCipher, marketIds: readonly number[], day: string): Promise<ShopDayStatus[]> {
  const shops = await shopsOfMarkets(q, marketIds);
  if (shops.length === 0) return [];
  const rows = await q.query<DayRow>(
    `SELECT r.id AS roster_id, m.name AS market_name,
            coalesce(p.name, (SELECT a.display_name FROM accounts a WHERE a.person_id = p.id ORDER BY a.id LIMIT 1)) AS owner_name,
            (SELECT count(*) FROM roster_entries e WHERE e.action <> 'remove' AND e.version_id =
               (SELECT v.id FROM roster_versions v WHERE v.roster_id = r.id ORDER BY v.version DESC LIMIT 1))::int AS staff_count,
            k.id IS NOT NULL AS asked, k.reminded_at IS NOT NULL AS reminded, s.answer_enc, s.created_at AS answered_at
     FROM rosters r JOIN areas m ON m.id = r.area_id JOIN persons p ON p.id = r.owner_person_id
     LEFT JOIN shop_status_asks k ON k.roster_id = r.id AND k.day = $2
     LEFT JOIN LATERAL (SELECT answer_enc, created_at FROM shop_status_answers
                        WHERE roster_id = r.id AND day = $2 ORDER BY id DESC LIMIT 1) s ON true
     WHERE r.id = ANY($1::bigint[])`,
    [shops.map((shop) => shop.id), day],
  );
  const byShop = new Map(rows.map((row) => [row.roster_id, row]));
  const statuses: ShopDayStatus[] = [];
  for (const shop of shops) {
    const row = byShop.get(shop.id);
    if (!row) continue;
    statuses.push({
      shop,
      marketName: row.market_name,
      ownerName: row.owner_name,
      staffCount: row.staff_count,
      asked: row.asked,
      reminded: row.reminded,
      answer:
        row.answer_enc !== null && row.answered_at !== null
          ? { ...shopStatusSchema.parse(JSON.parse(cipher.decrypt(row.answer_enc))), at: row.answered_at }
          : null,
    });
  }
  return statuses;
}
