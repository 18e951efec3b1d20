import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { readSendTime } from '../dialogs/answers/index.ts';
import { chatLabel, etaText } from '../bot/handlers/notices/preview.ts';
import { maxOutboundFileBytes, type OutboundFile } from '../bot/message.ts';
import { cancelNotice, queueNoticeSend, recallNotice } from '../jobs/notices.ts';
import { noticeStatusText } from '../reports/notice-status-text.ts';
import { digestScopeOf } from '../store/digest-scope.ts';
import { checkNoticeScope, communityOfArea } from '../store/notice-scope.ts';
import { noticeStatus, statusJson } from '../store/notice-status.ts';
import { createNotice, defaultAckHours, getNotice, listNotices } from '../store/notices.ts';
import { staffOf } from '../store/staff.ts';
import { localDay, localInstant, localMinute } from '../time.ts';
import { wholeNumber } from './arguments.ts';
import { withStore } from './context.ts';
import { findOnePerson } from './find-person.ts';
import { startForCommand } from './runtime.ts';

interface SendOptions {
  scope: string;
  file: string;
  at?: string;
  attach?: string;
  ackHours: number;
  by?: string;
  pin?: boolean;
  json?: boolean;
}

const noticeNumber = wholeNumber(1, Number.MAX_SAFE_INTEGER, 'a notice number');
const mimeTypes: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.pdf': 'application/pdf' };

/** When to send: an ISO time, or as staff write it in chat (明天8点, 3月5日 9:00), in the community's time zone. */
export function readWhen(when: string, now: Date, timeZone: string): Date {
  const iso = Date.parse(when);
  if (/^\d{4}-\d{2}-\d{2}T/.test(when) && !Number.isNaN(iso)) return new Date(iso);
  const read = readSendTime(when, localDay(now, timeZone));
  if (!read.ok) throw new Error(`--at ${when}: not a time to send; write e.g. "明天8点", "3月5日 9:00" or 2026-03-05T09:00+08:00`);
  const at = read.value.kind === 'now' ? now : localInstant(read.value.day, read.value.hour, read.value.minute, timeZone);
  if (at.getTime() < now.getTime() - 60_000) throw new Error(`--at ${when}: ${localMinute(at, timeZone)} has passed`);
  return at;
}

function readAttachment(file: string): OutboundFile {
  const type = mimeTypes[path.extname(file).toLowerCase()];
  if (!type) throw new Error(`--attach ${file}: only a picture (png, jpg, gif, webp) or a PDF can be attached`);
  const data = fs.readFileSync(file);
  if (data.byteLength > maxOutboundFileBytes) throw new Error(`--attach ${file}: larger than ${maxOutboundFileBytes} bytes`);
  return { name: path.basename(file), mimeType: type, data: new Uint8Array(data) };
}

async function send(options: SendOptions): Promise<void> {
  const body = fs.readFileSync(options.file, 'utf8').trim();
  if (body === '') throw new Error(`${options.file} is empty`);
  const attachment = options.attach ? readAttachment(options.attach) : undefined;
  const { config, linli } = await startForCommand({ workers: false });
  try {
    const { deps } = linli;
    const now = deps.clock();
    const sendAt = options.at ? readWhen(options.at, now, config.timeZone) : now;
    const created = await deps.db.transaction(async (tx) => {
      const author = options.by ? await findOnePerson(tx, deps.cipher, options.by) : undefined;
      const bounds = author ? await digestScopeOf(tx, author.id) : undefined;
      if (author && !bounds) throw new Error(`${options.by} is not staff`);
      const check = await checkNoticeScope(tx, options.scope, bounds?.areaIds);
      if (!check.ok) {
        if (check.kind === 'unreadable') throw new Error(`--scope: ${check.problem}`);
        if (check.kind === 'empty') throw new Error(`--scope ${options.scope}: no bound chat in it`);
        const labels = await Promise.all(check.chats.map((chat) => chatLabel(tx, chat)));
        throw new Error(`--scope ${options.scope} reaches chats outside ${options.by ?? 'the'} scope: ${labels.join(', ')}`);
      }
      const [first] = check.chats;
      if (!first) throw new Error(`--scope ${options.scope}: no bound chat in it`);
      const [staff] = author ? await staffOf(tx, author.id) : [];
      const id = await createNotice(tx, deps.cipher, {
        communityId: await communityOfArea(tx, first.areaId),
        body,
        scope: options.scope,
        sendAt,
        ackHours: options.ackHours,
        pin: options.pin ?? false,
        authorPersonId: author?.id ?? null,
        authorStaffId: staff?.id ?? null,
        ...(attachment ? { attachment } : {}),
      });
      const labels: string[] = [];
      for (const chat of check.chats) labels.push(await chatLabel(tx, chat));
      return { id, chats: check.chats, labels };
    });
    await queueNoticeSend(deps.jobs, { id: created.id, sendAt }, now);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ notice: created.id, sendAt: sendAt.toISOString(), chats: created.labels })}\n`);
    } else {
      const when = sendAt.getTime() <= now.getTime() ? 'now' : localMinute(sendAt, config.timeZone);
      process.stdout.write(
        `notice ${created.id}: ${created.chats.length} chats, sending ${when}; ${etaText('en', created.chats)}\n${created.labels.map((label) => `  ${label}`).join('\n')}\n`,
      );
    }
  } finally {
    await linli.close();
  }
}

export function noticeCommand(): Command {
  const command = new Command('notice').description('official notices: send to every group in scope, see who acknowledged, cancel, recall');
  command
    .command('send')
    .description('send a notice (the text in a file) to every bound group in the scope, now or at a time')
    .requiredOption('--scope <SCOPE>', 'all, community:NAME, site:NAME, building:SITE/BUILDING, grid:NAME, kind:building|market|staff; several joined by commas')
    .requiredOption('--file <notice.md>', 'the text of the notice')
    .option('--at <WHEN>', 'when to send: 明天8点, "3月5日 9:00" or an ISO time (default: now)')
    .option('--attach <FILE>', 'a picture or PDF sent with it')
    .option('--ack-hours <N>', 'hours until the groups are told which rooms have not acknowledged', wholeNumber(1, 720, 'hours'), defaultAckHours)
    .option('--by <STAFF>', 'the staff member sending it (name or phone): the scope is bounded by theirs')
    .option('--pin', 'pin it in Telegram groups where the bot may')
    .option('--json', 'print the number and the chats as JSON')
    .action(send);
  command
    .command('status')
    .description('per chat: delivered, pending or failed, and households acknowledged; the lowest groups first')
    .argument('<N>', 'the notice number', noticeNumber)
    .option('--json', 'print JSON')
    .action(async (id: number, options: { json?: boolean }) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const notice = await getNotice(database.db, cipher, id);
          if (!notice) throw new Error(`there is no notice ${id}`);
          const report = await noticeStatus(database.db, id);
          process.stdout.write(`${options.json ? JSON.stringify(statusJson(report)) : noticeStatusText(notice, report, 'zh-CN', config.timeZone)}\n`);
        },
        { logLevel: 'warn' },
      );
    });
  command
    .command('list')
    .description('the notices, newest first')
    .option('--json', 'print one JSON object per notice')
    .action(async (options: { json?: boolean }) => {
      await withStore(
        async ({ database, cipher, config }) => {
          for (const notice of await listNotices(database.db, cipher, { limit: 100 })) {
            const report = await noticeStatus(database.db, notice.id);
            const line = {
              notice: notice.id,
              status: notice.status,
              sendAt: notice.sendAt.toISOString(),
              scope: notice.scope,
              chats: report.chats.length,
              ackRate: report.ackRate,
              title: notice.body.split('\n')[0]?.slice(0, 40) ?? '',
            };
            process.stdout.write(
              options.json
                ? `${JSON.stringify(line)}\n`
                : `#${line.notice} ${line.status} ${localMinute(notice.sendAt, config.timeZone)} ${line.scope} ${line.chats} chats ${Math.round(line.ackRate * 100)}% ${line.title}\n`,
            );
          }
        },
        { logLevel: 'warn' },
      );
    });
  command
    .command('cancel')
    .description('cancel a scheduled notice before it goes out')
    .argument('<N>', 'the notice number', noticeNumber)
    .action(async (id: number) => {
      await withStore(
        async ({ database }) => {
          const outcome = await database.db.transaction((tx) => cancelNotice(tx, id));
          if (outcome === 'not-found') throw new Error(`there is no notice ${id}`);
          if (outcome === 'already-sent') throw new Error(`notice ${id} is not scheduled any more: recall it instead`);
          process.stdout.write(`notice ${id} cancelled\n`);
        },
        { logLevel: 'warn' },
      );
    });
  command
    .command('recall')
    .description('take a sent notice back: deleted on Telegram, recalled on WeChat within 2 minutes, else a correction')
    .argument('<N>', 'the notice number', noticeNumber)
    .action(async (id: number) => {
      const { linli } = await startForCommand({ workers: false });
      try {
        const outcome = await recallNotice(linli.deps, id);
        if (outcome.kind === 'not-found') throw new InvalidArgumentError(`there is no notice ${id}`);
        if (outcome.kind === 'not-sent') throw new Error(`notice ${id} is ${outcome.status}: nothing to recall`);
        process.stdout.write(`notice ${id} recalled from ${outcome.chats} chats\n`);
      } finally {
        await linli.close();
      }
    });
  return command;
}
