/**
 * A second bot process for the inbound benchmark: `linli start` as an operator runs it beside the
 * first, on the same store and queue, taking messages from the same queue.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const bin = path.resolve(import.meta.dirname, '..', 'bin', 'linli.js');
/** Loaded first into the worker: it writes its peak memory and CPU time to a file as it exits. */
const usageReporter = `data:text/javascript,${encodeURIComponent(
  "import fs from 'node:fs'; process.on('exit', () => fs.writeFileSync(process.env.LINLI_BENCH_USAGE_FILE, JSON.stringify(process.resourceUsage())));",
)}`;

export interface WorkerUsage {
  peakMb: number;
  cpuSeconds: number;
}

export interface WorkerProcess {
  /** Stops it as an operator would (SIGTERM: it finishes the work in hand) and reads what it used. */
  stop(): Promise<WorkerUsage>;
}

/** Starts `linli start` on the store and queue of `env`; resolves once it says it is running. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const usageFile = path.join(os.tmpdir(), `linli-worker-${randomBytes(4).toString('hex')}`);
  const child = spawn(process.execPath, ['--import', usageReporter, bin, 'start', '--no-sandbox', '--no-demo'], {
    env: { ...env, LINLI_BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let said = '';
    const onData = (chunk: Buffer) => {
      said += chunk.toString('utf8');
      if (said.includes('Linli is running')) {
        child.stderr.off('data', onData);
        child.stderr.resume();
        resolve();
      }
    };
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`the second worker exited with ${code ?? 'a signal'} before it ran: ${said.slice(-500)}`)));
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`the second worker exited with ${code ?? 'a signal'}`);
      const usage = z.object({ maxRSS: z.number(), userCPUTime: z.number(), systemCPUTime: z.number() }).parse(JSON.parse(fs.readFileSync(usageFile, 'utf8')));
      fs.rmSync(usageFile, { force: true });
      return { peakMb: Math.round(usage.maxRSS / 1024), cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
    },
  };
}
