/** What the benchmarks share: a Linli on the configured store and queue, and made-up residents. */
import { localDay } from '../src/time.ts';
import { startTestLinli, type TestLinli, type TestLinliOptions } from '../test/support/linli.ts';

export const onPostgres = () => Boolean(process.env.DATABASE_URL);

/**
 * A Linli with workers on the configured store and queue: the real Postgres and Redis when
 * DATABASE_URL and REDIS_URL are set (in a schema and key prefix of its own, dropped at close),
 * else the embedded default with its data folder on disk, as `npm start` runs it.
 */
export function startBenchLinli(options: TestLinliOptions = {}): Promise<TestLinli> {
  return startTestLinli({ onDisk: true, ...options });
}

export const benchToday = () => localDay(new Date(), 'Asia/Shanghai');

/** A valid 18-digit resident ID (GB 11643 check digit), different for every serial below 3,650,000. */
export function madeUpIdNumber(serial: number): string {
  const born = new Date(Date.UTC(1950, 0, 1) + Math.floor(serial / 1000) * 86_400_000);
  const day = born.toISOString().slice(0, 10).replaceAll('-', '');
  const body = `440603${day}${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return body + '10X98765432'.charAt(sum % 11);
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const givenNames = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';

/** A name as residents write it, two or three characters. */
export function madeUpName(serial: number): string {
  const at = (text: string, index: number) => text.charAt(index % text.length);
  const given = at(givenNames, serial) + (serial % 3 === 0 ? '' : at(givenNames, Math.floor(serial / 7)));
  return at(surnames, Math.floor(serial / 3)) + given;
}
