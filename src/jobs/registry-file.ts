import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BotDeps } from '../bot/deps.ts';
import { registryFileData } from '../bot/handlers/registry-import.ts';
import { t } from '../dialogs/messages/index.ts';
import { RegistryFileError, registryFileFormat } from '../dialogs/registry/read-file.ts';
import { recordAudit } from '../store/audit.ts';
import { findScopeOf } from '../store/find-scope.ts';
import { importRegistryFile, type RegistryImportReport } from './registry-import.ts';
import type { Finish, FollowupWork } from './followups.ts';

/** A registry is a community's whole book: far more than a landlord's list, still not unlimited in chat. */
const maxRegistryBytes = 50 * 1024 * 1024;
const rejectedShown = 10;

/** The sites whose rows this staff member may import; undefined for everyone's; empty for none. */
async function allowedSites(deps: BotDeps, personId: number): Promise<ReadonlySet<number> | undefined> {
  const scope = await findScopeOf(deps.db, personId);
  if (scope === undefined) return new Set();
  if (scope.kind === 'all') return undefined;
  const sites = await deps.db.query<{ id: number }>("SELECT id FROM areas WHERE kind = 'site' AND id = ANY($1::bigint[])", [scope.areaIds]);
  return new Set(sites.map((site) => site.id));
}

/** The first rejected rows, as line number and reason, from the file the import wrote. */
function rejectedLines(report: RegistryImportReport): string {
  if (report.rejectedFile === null) return '';
  const lines = fs.readFileSync(report.rejectedFile, 'utf8').split('\n').slice(1, rejectedShown + 1);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').slice(0, 2).join(' '))
    .join('；');
}

export const registryFileWork: FollowupWork = {
  async prepare(deps, data, message, today): Promise<Finish> {
    const { file } = registryFileData.parse(data);
    const personId = message.account.personId;
    const fail = (reason: string): Finish => async (context) => {
      context.reply(t(context.lang, 'registry.import.failed', { file: file.name, reason }));
    };
    let format: string;
    try {
      format = registryFileFormat(file.name);
    } catch (error) {
      return fail(error instanceof RegistryFileError ? '.csv / .xlsx / .jsonl' : 'unreadable');
    }
    const allowed = await allowedSites(deps, personId);
    if (allowed !== undefined && allowed.size === 0) return async (context) => {
      context.reply(t(context.lang, 'registry.import.refused'));
    };
    const channel = deps.channels.get(message.platform);
    if (channel?.readFile === undefined) return fail('fetch');
    const bytes = await channel.readFile(file, maxRegistryBytes);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-registry-'));
    try {
      const input = path.join(dir, `registry.${format}`);
      fs.writeFileSync(input, bytes);
      const report = await importRegistryFile(deps.db, deps.cipher, input, { source: file.name, today, ...(allowed ? { allowedSiteIds: allowed } : {}) });
      await recordAudit(deps.db, {
        action: 'registry.import',
        actorPersonId: personId,
        details: { source: file.name, via: 'chat', rows: report.rows, added: report.added, updated: report.updated, rejected: report.rejected },
      });
      const rejected = rejectedLines(report);
      const { added, updated, unchanged } = report;
      return async (context) => {
        const lines = [t(context.lang, 'registry.import.done', { file: file.name, added, updated, unchanged, rejected: report.rejected })];
        if (rejected !== '') lines.push(t(context.lang, 'registry.import.rejected', { lines: rejected }));
        context.reply(lines.join('\n'));
      };
    } catch (error) {
      if (error instanceof RegistryFileError) return fail(error.message.replace(/^.*?: /, ''));
      throw error;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  giveUp(data): Finish {
    const { file } = registryFileData.parse(data);
    return async (context) => {
      context.reply(t(context.lang, 'registry.import.failed', { file: file.name, reason: 'fetch' }));
    };
  },
};
