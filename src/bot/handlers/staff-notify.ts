import type { Queryable } from '../../store/db.ts';
import type { HandlerContext } from '../handler.ts';
import { privateChatWith } from '../private-chat.ts';

interface StaffAccount extends Record<string, unknown> {
  account_id: number;
  platform: string;
  platform_user_id: string;
}

/**
 * The accounts of the staff whose scope covers an area: staff of the area or any place above it,
 * and grid workers of a grid that holds it. Without an area, the committee of the community.
 */
export async function staffAccountsCovering(q: Queryable, areaId: number | null): Promise<StaffAccount[]> {
  if (areaId === null) {
    return q.query<StaffAccount>(
      `SELECT DISTINCT a.id AS account_id, a.platform, a.platform_user_id
       FROM staff s JOIN areas c ON c.id = s.area_id AND c.kind = 'community'
       JOIN accounts a ON a.person_id = s.person_id
       WHERE s.role IN ('admin', 'committee') ORDER BY a.id`,
    );
  }
  return q.query<StaffAccount>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM areas WHERE id = $1
       UNION ALL SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id)
     SELECT DISTINCT a.id AS account_id, a.platform, a.platform_user_id
     FROM staff s JOIN accounts a ON a.person_id = s.person_id
     WHERE s.area_id IN (SELECT id FROM up)
        OR s.grid_id IN (SELECT grid_id FROM grid_areas WHERE area_id IN (SELECT id FROM up))
     ORDER BY a.id`,
    [areaId],
  );
}

/**
 * Says something privately to every staff member whose scope covers the area, on each platform
 * where the bot may write to them. Returns how many were told.
 */
export async function tellStaff(context: HandlerContext, areaId: number | null, text: string): Promise<number> {
  let told = 0;
  for (const staff of await staffAccountsCovering(context.tx, areaId)) {
    const chatId = await privateChatWith(context.tx, context.privateChatId, {
      accountId: staff.account_id,
      platform: staff.platform,
      platformUserId: staff.platform_user_id,
    });
    if (chatId === undefined) continue;
    context.say({ chatId, toAccountId: staff.account_id, text });
    told += 1;
  }
  return told;
}
