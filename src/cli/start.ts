import { Command } from 'commander';
import { loadDemo } from '../store/demo.ts';
import { closeOnSignals, startForCommand } from './runtime.ts';
import { runSandboxTerminal } from './sandbox-terminal.ts';

async function isEmptyStore(query: (sql: string) => Promise<{ n: number }[]>): Promise<boolean> {
  const rows = await query("SELECT count(*)::int AS n FROM areas WHERE kind = 'community'");
  return (rows[0]?.n ?? 0) === 0;
}

export function startCommand(): Command {
  return new Command('start')
    .option('--no-sandbox', 'do not open the sandbox chat, even in a terminal')
    .option('--no-demo', 'do not load the demo community into an empty store')
    .action(async (options: { sandbox: boolean; demo: boolean }) => {
      const interactive = options.sandbox && process.stdin.isTTY === true;
      const { config, log, linli } = await startForCommand({ workers: true, schedules: true, platforms: true, logToStderr: !interactive });
      const { deps } = linli;
      if (options.demo && (await isEmptyStore((sql) => deps.db.query(sql)))) {
        await loadDemo(deps.db, deps.cipher);
        log.info('loaded the demo community into the empty store');
        if (interactive) process.stdout.write('已载入演示社区 (the demo community is loaded).\n');
      }
      const where = linli.database.mode === 'embedded' ? `embedded database in ${config.dataDir}` : 'Postgres';
      log.info({ database: linli.database.mode, queue: deps.jobs.backend }, `Linli is running on the ${where}`);
      if (!interactive) {
        process.stderr.write(`Linli is running (${where}, queue on ${deps.jobs.backend}). Ctrl-C stops it.\n`);
        closeOnSignals(() => linli.close());
        return;
      }
      process.stdout.write(`Linli 已启动 (${where})。日志 (log): ${config.dataDir}/linli.log\n`);
      closeOnSignals(() => linli.close());
      await runSandboxTerminal(deps, { dataDir: config.dataDir, defaultUser: '王芳' });
      await linli.close();
      process.exit(0);
    });
}
