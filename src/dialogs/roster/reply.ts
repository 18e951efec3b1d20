/**
 * What the bot answers a roster with, and what `linli roster parse` prints: a numbered list with
 * ID numbers and phones masked and each row marked ok or with its problems; or the JSON of the
 * parse, values normalised.
 */

import type { Language } from '../answers/index.ts';
import { maskIdNumber, maskPhone, maskText } from '../../privacy/index.ts';
import { problemLabel, type RosterEntry, type RosterParse } from './entry.ts';

const ACTION_WORDS: Readonly<Record<RosterEntry['action'], { zh: string; en: string }>> = {
  add: { zh: '', en: '' },
  remove: { zh: '（搬走）', en: ' (moved out)' },
  update: { zh: '（变更）', en: ' (changed)' },
};

/** The parse as JSON: {"isRoster", "entries": [...]}, without the line numbers. */
export function rosterJson(parse: RosterParse): string {
  return JSON.stringify({ isRoster: parse.isRoster, entries: parse.entries.map((row) => row.entry) }, null, 2);
}

function entryLine(entry: RosterEntry, number: number, lang: Language): string {
  const zh = lang === 'zh-CN';
  const parts = [
    entry.name ?? (zh ? '（无姓名）' : '(no name)'),
    entry.idNumber === null ? null : maskIdNumber(entry.idNumber),
    entry.phone === null ? null : maskPhone(entry.phone),
    entry.room?.raw ?? null,
    entry.moveIn === null ? null : zh ? `${entry.moveIn}入住` : `moved in ${entry.moveIn}`,
  ].filter((part): part is string => part !== null);
  const action = zh ? ACTION_WORDS[entry.action].zh : ACTION_WORDS[entry.action].en;
  const verdict = entry.valid
    ? zh ? '✅' : '✅ ok'
    : `❌ ${entry.problems.map((code) => problemLabel(code, entry, lang)).join(zh ? '，' : ', ')}`;
  return `${number}. ${parts.join(' ')}${action} ${verdict}`;
}

/** The reply to a roster: what was understood, row by row, and the lines that could not be read. */
export function rosterReply(parse: RosterParse, lang: Language = 'zh-CN'): string {
  const zh = lang === 'zh-CN';
  if (!parse.isRoster) return zh ? '这条消息不像是一份名单。' : 'This message does not look like a list of people.';
  const lines: string[] = [];
  const problems = parse.entries.filter((row) => !row.entry.valid).length;
  lines.push(
    zh
      ? `收到名单，共 ${parse.entries.length} 人${problems > 0 ? `，其中 ${problems} 行需要核对` : ''}：`
      : `Got the list: ${parse.entries.length} ${parse.entries.length === 1 ? 'person' : 'people'}${problems > 0 ? `, ${problems} to check` : ''}:`,
  );
  parse.entries.forEach((row, i) => lines.push(entryLine(row.entry, i + 1, lang)));
  if (parse.unreadLines.length > 0) {
    lines.push(zh ? '以下几行没能看懂，请改一下格式再发：' : 'These lines could not be read; please send them again in another form:');
    // The line as sent may hold an ID number or phone that no reader found: it is masked all the same.
    for (const line of parse.unreadLines) lines.push(zh ? `第 ${line.lineNo} 行：${maskText(line.text)}` : `line ${line.lineNo}: ${maskText(line.text)}`);
  }
  return lines.join('\n');
}
