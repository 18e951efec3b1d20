import { Queue, Worker, createPostgresBackend, runMigrations, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Db } from '../store/db.ts';

/**
 * BullMQ behind one small interface: Redis when REDIS_URL is set, else BullMQ's Postgres
 * backend on the same database as the store. Job code is the same either way.
 */
export const queueNames = ['inbound', 'outbox', 'timers', 'followups', 'wechat-outbox'] as const;
export type QueueName = (typeof queueNames)[number];

export type JobBackend =
  | { kind: 'redis'; url: string; prefix: string }
  | {
      kind: 'postgres';
      connectionString: string;
      schema: string;
      /** BullMQ's own tables are known to be in place: its queues and workers skip the migration each would run on connecting. */
      migrated?: boolean;
    };

/**
 * Brings BullMQ's tables up to date once, before the queues open. Otherwise every queue and worker
 * runs the migration on its own connection at start, a dozen statements each, which on the
 * embedded database is most of what a one-message command waits for.
 */
export async function migrateJobBackend(backend: JobBackend, db: Db): Promise<JobBackend> {
  if (backend.kind !== 'postgres' || backend.migrated) return backend;
  const client = await db.pool.connect();
  try {
    await runMigrations(client, backend.schema);
  } finally {
    client.release();
  }
  return { ...backend, migrated: true };
}

/** 'HH:MM' -> the cron pattern of that time every day. */
export const dailyAt = (time: string) => {
  const [hours, minutes] = time.split(':');
  return `${Number(minutes)} ${Number(hours)} * * *`;
};

export interface JobOptions {
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

export interface JobInfo<T> {
  name: string;
  data: T;
  attemptsMade: number;
}

export type JobProcessor<T> = (job: JobInfo<T>) => Promise<void>;

export interface WorkerHandle {
  close(): Promise<void>;
}

export interface JobQueues {
  readonly backend: JobBackend['kind'];
  add<T extends object>(queue: QueueName, name: string, data: T, options?: JobOptions): Promise<void>;
  work<T>(queue: QueueName, processor: JobProcessor<T>, options: { concurrency: number }): WorkerHandle;
  /**
   * A job that repeats on a cron pattern in a time zone, with `data` (none by default); the same id
   * replaces the earlier schedule.
   */
  schedule(queue: QueueName, id: string, pattern: string, timeZone: string, name: string, data?: object): Promise<void>;
  /** Stops a schedule and drops its next job; false when there was none. */
  unschedule(queue: QueueName, id: string): Promise<boolean>;
  /** The id and time of a schedule's next job, or undefined when there is no such schedule: tests promote it. */
  nextScheduled(queue: QueueName, id: string): Promise<{ jobId: string; at: Date } | undefined>;
  /** The delay a waiting job has left in ms (0 when due), or undefined when there is no such job. */
  delayOf(queue: QueueName, jobId: string): Promise<number | undefined>;
  /** Makes a delayed job due now: what tests do instead of waiting for its time. */
  promote(queue: QueueName, jobId: string): Promise<void>;
  /** Waiting, delayed and active jobs of a queue: for doctor and tests. */
  counts(queue: QueueName): Promise<Record<string, number>>;
  /** The names of the jobs waiting (or delayed) in a queue, oldest first: for tests. */
  waitingNames(queue: QueueName): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const defaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { count: 5000 },
};

const queueNamePrefix = 'linli-';

export function createJobQueues(backend: JobBackend): JobQueues {
  const redis = backend.kind === 'redis' ? new Redis(backend.url, { maxRetriesPerRequest: null }) : undefined;
  const postgresConnection =
    backend.kind === 'postgres'
      ? { connectionString: backend.connectionString, schema: backend.schema, max: 4, ...(backend.migrated ? { skipMigrations: true } : { migrate: true }) }
      : undefined;

  // The Postgres constructor overloads and the Redis ones differ only in their last argument.
  const newQueue = (name: QueueName): Queue =>
    postgresConnection
      ? (new Queue(queueNamePrefix + name, { connection: postgresConnection, defaultJobOptions }, createPostgresBackend) as unknown as Queue)
      : new Queue(queueNamePrefix + name, {
          connection: redis as Redis,
          prefix: (backend as { prefix: string }).prefix,
          defaultJobOptions,
        });

  const newWorker = (name: QueueName, run: (job: Job) => Promise<void>, concurrency: number): Worker =>
    postgresConnection
      ? (new Worker(queueNamePrefix + name, run, { connection: postgresConnection, concurrency }, createPostgresBackend) as unknown as Worker)
      : new Worker(queueNamePrefix + name, run, {
          connection: redis as Redis,
          prefix: (backend as { prefix: string }).prefix,
          concurrency,
        });

  const queues = new Map<QueueName, Queue>();
  const workers = new Set<Worker>();
  const queue = (name: QueueName): Queue => {
    let existing = queues.get(name);
    if (!existing) {
      existing = newQueue(name);
      // A lost connection (Redis or the database restarting) is emitted here as well as failing
      // the call in hand; the call's caller handles it, and the queue reconnects by itself.
      existing.on('error', () => undefined);
      queues.set(name, existing);
    }
    return existing;
  };

  return {
    backend: backend.kind,
    async add(name, jobName, data, options = {}) {
      await queue(name).add(jobName, data, {
        ...(options.jobId ? { jobId: options.jobId } : {}),
        ...(options.delayMs && options.delayMs > 0 ? { delay: Math.ceil(options.delayMs) } : {}),
        ...(options.attempts ? { attempts: options.attempts } : {}),
      });
    },
    work<T>(name: QueueName, processor: JobProcessor<T>, options: { concurrency: number }) {
      const worker = newWorker(
        name,
        (job) => processor({ name: job.name, data: job.data as T, attemptsMade: job.attemptsMade }),
        options.concurrency,
      );
      // A failing job is retried by BullMQ and recorded by the processor; the event must not crash the process.
      worker.on('error', () => undefined);
      workers.add(worker);
      return {
        async close() {
          workers.delete(worker);
          await worker.close();
        },
      };
    },
    async schedule(name, id, pattern, timeZone, jobName, data = {}) {
      await queue(name).upsertJobScheduler(id, { pattern, tz: timeZone }, { name: jobName, data });
    },
    async unschedule(name, id) {
      return queue(name).removeJobScheduler(id);
    },
    async nextScheduled(name, id) {
      const scheduler = await queue(name).getJobScheduler(id);
      if (scheduler?.next === undefined) return undefined;
      // BullMQ names a scheduler's next job by the scheduler and the time it is due.
      return { jobId: `repeat:${id}:${scheduler.next}`, at: new Date(scheduler.next) };
    },
    async delayOf(name, jobId) {
      const job = await queue(name).getJob(jobId);
      if (!job) return undefined;
      return Math.max(0, job.timestamp + (job.delay ?? 0) - Date.now());
    },
    async promote(name, jobId) {
      const job = await queue(name).getJob(jobId);
      if (job && (await job.isDelayed())) await job.promote();
    },
    async counts(name) {
      return queue(name).getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed');
    },
    async waitingNames(name) {
      const jobs = await queue(name).getJobs(['waiting', 'delayed'], 0, -1, true);
      return jobs.filter((job) => job !== undefined).map((job) => job.name);
    },
    async ping() {
      if (redis) {
        await redis.ping();
      } else {
        await queue('timers').getJobCounts('waiting');
      }
    },
    async close() {
      await Promise.all([...workers].map((worker) => worker.close()));
      workers.clear();
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
      await redis?.quit().catch(() => undefined);
    },
  };
}
