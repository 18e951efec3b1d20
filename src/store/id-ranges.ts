/**
 * Area ids as a Postgres multirange of bigints ('{[2,202102)}'): what the digest's queries take as
 * the scope. Areas are made a site or a building at a time, so a scope of hundreds of thousands of
 * ids is a few ranges, sent and planned in a moment, where an array of them cost half a second a
 * statement (see digest-rows' inScope). A scope's ids come sorted (see digestScopeOf): they are then
 * walked once, not copied and sorted again for each statement.
 */
export function idRanges(ids: readonly number[]): string {
  const ranges: string[] = [];
  let start: number | undefined;
  let end = 0;
  for (const id of inOrder(ids)) {
    if (start !== undefined && id < end) continue;
    if (start !== undefined && id === end) {
      end = id + 1;
      continue;
    }
    if (start !== undefined) ranges.push(`[${start},${end})`);
    start = id;
    end = id + 1;
  }
  if (start !== undefined) ranges.push(`[${start},${end})`);
  return `{${ranges.join(',')}}`;
}

/** The ids in ascending order, duplicates kept (idRanges skips them). */
export function inOrder(ids: readonly number[]): readonly number[] {
  for (let index = 1; index < ids.length; index += 1) {
    if ((ids[index - 1] as number) > (ids[index] as number)) return [...Float64Array.from(ids).sort()];
  }
  return ids;
}
