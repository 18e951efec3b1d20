import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { PGliteWireServer } from './pglite-server.ts';

/**
 * The embedded database: PGlite (Postgres compiled to WebAssembly) served over a loopback
 * socket, so that `pg.Pool` and BullMQ speak to it exactly as to a real server.
 *
 * PGlite may be opened by one process only. The first Linli process on a data folder serves it
 * and writes its address into a lock file; a second process (a `linli sim` beside `npm start`)
 * connects to that address instead of opening the files a second time.
 */
export interface EmbeddedServer {
  connectionString: string;
  /** False when another process serves the data folder and this one is only its client. */
  owned: boolean;
  stop(): Promise<void>;
}

const lockSchema = z.object({ pid: z.number().int(), port: z.number().int() });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function urlFor(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

function readLock(lockFile: string): z.infer<typeof lockSchema> | undefined {
  try {
    return lockSchema.parse(JSON.parse(fs.readFileSync(lockFile, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Serves an open PGlite on a free loopback port; stopping closes the server, then the database. */
async function serve(db: PGlite, afterStop: () => void = () => undefined): Promise<EmbeddedServer & { port: number }> {
  const server = new PGliteWireServer(db);
  const port = await server.listen('127.0.0.1', 0);
  return {
    port,
    connectionString: urlFor(port),
    owned: true,
    async stop() {
      await server.close();
      await db.close();
      afterStop();
    },
  };
}

/**
 * Postgres' own 128 MB of shared buffers are WebAssembly memory in PGlite, held by the process
 * from the start; a community's data is served as well from 32 MB, and the bot is 100 MB lighter.
 */
const pgliteOptions = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'] };

/** An embedded database kept in memory only: for tests. */
export async function startMemoryServer(): Promise<EmbeddedServer> {
  return serve(await PGlite.create(pgliteOptions));
}

export async function startEmbeddedServer(dataDir: string): Promise<EmbeddedServer> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'embedded.lock');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const existing = readLock(lockFile);
    if (existing && existing.pid !== process.pid && isAlive(existing.pid)) {
      if (await answers(existing.port)) {
        return { connectionString: urlFor(existing.port), owned: false, async stop() {} };
      }
      // The owner is starting up and not listening yet.
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    if (existing) fs.rmSync(lockFile, { force: true });
    let handle: number;
    try {
      handle = fs.openSync(lockFile, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    // Claim the folder before opening it, so that no second process opens PGlite meanwhile.
    fs.writeSync(handle, JSON.stringify({ pid: process.pid, port: 0 }));
    fs.closeSync(handle);
    const served = await serve(await PGlite.create(path.join(dataDir, 'pgdata'), pgliteOptions), () => {
      if (readLock(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true });
    });
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port: served.port }));
    return served;
  }
  throw new Error(`the embedded database in ${dataDir} is held by another process that does not answer`);
}
