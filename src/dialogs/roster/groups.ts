/**
 * Grouped lists: a room line naming who lives there (「203房：赵丽、钱明」), then one line per
 * person with their ID number and phone. Each person is one row, with the room of their group.
 */

import type { DraftRow } from './drafts.ts';

const hasContact = (row: DraftRow): boolean => row.idNumber !== null || row.phone !== null;

/** The rows with each group's names folded into the person lines below it. */
export function mergeGroups(rows: readonly DraftRow[]): DraftRow[] {
  const folded = new Set<DraftRow>();
  rows.forEach((member, i) => {
    if (hasContact(member) || member.room === null || member.name?.value == null) return;
    const name = member.name.value;
    // The person's own line comes below, before the next group names them again.
    for (const row of rows.slice(i + 1)) {
      if (row.name?.value !== name) continue;
      if (!hasContact(row) || row.ownRoom) break;
      row.room = member.room;
      row.moveIn ??= member.moveIn;
      row.action ??= member.action;
      folded.add(member);
      break;
    }
  });
  return folded.size === 0 ? [...rows] : rows.filter((row) => !folded.has(row));
}
