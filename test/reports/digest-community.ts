import { applySetup } from '../../src/store/setup.ts';
import { parseSetupFile } from '../../src/store/setup-file.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { expect } from 'vitest';
import { findOnePerson } from '../../src/cli/find-person.ts';
import { digestWindow } from '../../src/reports/digest.ts';
import { staffDigestReport, type DigestReport } from '../../src/reports/staff-digest.ts';
import type { CheckinDigestRow } from '../../src/store/digest-rows.ts';
import { localDay } from '../../src/time.ts';
import { say, texts } from '../support/chat.ts';
import type { TestLinli } from '../support/linli.ts';

/**
 * The demo community with staff of every breadth, and residents who reach the digest the way real
 * ones do: registering through the building groups, checking in, asking for help, listed by landlords.
 */
const extraStaff = `
communities:
  - name: 幸福社区
    chats:
      - { platform: sandbox, id: 保利紫山1栋业主群, kind: building, area: 保利紫山/1栋 }
    staff:
      - name: 周楼长
        role: building_leader
        scope: 保利紫山/3栋
        accounts: [{ platform: sandbox, id: 周楼长 }]
      - name: 吴楼长
        role: building_leader
        scope: 保利紫山/1栋
        accounts: [{ platform: sandbox, id: 吴楼长 }]
      - name: 郑网格
        phone: '13700137000'
        role: grid_worker
        scope: 'grid:第一网格'
`;

export async function loadDigestCommunity(linli: TestLinli): Promise<void> {
  await loadDemo(linli.deps.db, linli.deps.cipher);
  await applySetup(linli.deps.db, linli.deps.cipher, parseSetupFile(extraStaff, 'digest-staff.yaml'));
}

/** A valid 18-digit resident ID (GB 11643 check digit) for a made-up person number 1-999. */
export function residentId(serial: number): string {
  const body = `440603199001${String(10 + (serial % 18)).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return body + '10X98765432'.charAt(sum % 11);
}

export interface Resident {
  user: string;
  group: string;
  serial: number;
  room: string;
  /** Arrived from outside the city on this day (a date as people write it): under observation. */
  arrived?: string;
}

/** Private turns on a given day: what is said, and a piece of what the bot answers. */
export async function converseOn(linli: TestLinli, today: string, user: string, turns: readonly (readonly [string, string])[]): Promise<void> {
  for (const [text, expected] of turns) {
    expect(texts(await say(linli, user, 'dm', text, today)), `after "${text}"`).toContain(expected);
  }
}

/** The whole registration as a resident types it: 登记 in the building group (or privately), the form privately. */
export async function register(linli: TestLinli, today: string, resident: Resident): Promise<void> {
  await say(linli, resident.user, resident.group, '登记', today);
  const travel: [string, string][] = resident.arrived
    ? [['有', '城市'], ['武汉', '哪天到'], [resident.arrived, '经过'], ['无', '健康码']]
    : [['没有', '健康码']];
  await converseOn(linli, today, resident.user, [
    ['同意', '姓名'],
    [resident.user, '身份证'],
    [residentId(resident.serial), '手机'],
    [`139${String(resident.serial).padStart(8, '0')}`, '哪一栋'],
    [resident.room, '业主'],
    ['1', '户籍'],
    ['北京', '哪天'],
    ['2020.1.1', '14天内'],
    ...travel,
    ['绿', '疫苗'],
    ['跳过', '核酸'],
    ['跳过', '告诉社区'],
    ['跳过', '核对'],
    ['确认', '完成'],
  ]);
}

// The store stamps rows with the database's clock, so the digest's day is the real today; the
// tests move the bot's clock through that day (09:00 ask, 14:00 reminder) in Asia/Shanghai.
export const timeZone = 'Asia/Shanghai';
export const today = localDay(new Date(), timeZone);
export const dayWindow = digestWindow(today, timeZone);
/** That day at `hours` o'clock (past 24 is the next day). */
export const at = (hours: number) => new Date(dayWindow.start.getTime() + hours * 3_600_000);

/** A check-in asked, reminded at 14:00 and never answered: the digest's "missed". */
export const missedCheckin = (index: number): CheckinDigestRow => ({
  personId: index,
  name: `住户${String(index).padStart(2, '0')}`,
  place: { site: '长庚里', below: `96号${100 + index}` },
  reachable: true,
  remindedAt: at(14),
  answeredAt: null,
  answer: null,
});

/** The digest report of a staff member, as of `now`. */
export async function reportOf(linli: TestLinli, staffName: string, now: Date): Promise<DigestReport> {
  const person = await findOnePerson(linli.deps.db, linli.deps.cipher, staffName);
  const report = await staffDigestReport(linli.deps.db, linli.deps.cipher, { personId: person.id, day: today, timeZone, now });
  if (!report) throw new Error(`${staffName} is not staff`);
  return report;
}
