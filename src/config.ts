import path from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalUrl = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine(
      (value) => value === undefined || protocols.some((protocol) => value.startsWith(`${protocol}://`)),
      { message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}` },
    );

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const optionalPort = optionalText
  .refine((value) => value === undefined || (/^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535), {
    message: 'must be a port number from 1 to 65535',
  })
  .transform((value) => (value === undefined ? undefined : Number(value)));

/** A duration in ms; an empty value means the default, not 0 (which would unpace the sender). */
const milliseconds = (fallback: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce.number().int().nonnegative().max(600_000).default(fallback),
  );

const isKnownTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const settingsSchema = z.object({
  LINLI_DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  LINLI_SECRET: optionalText.refine((value) => value === undefined || value.length >= 32, {
    message: 'must be at least 32 characters (for example: openssl rand -hex 32)',
  }),
  /** Earlier secrets, comma-separated, kept only while `linli keys rotate` moves the data off them. */
  LINLI_OLD_SECRETS: optionalText
    .transform((value) => (value === undefined ? [] : value.split(',').map((secret) => secret.trim()).filter(Boolean)))
    .refine((secrets) => secrets.every((secret) => secret.length >= 32), { message: 'must list secrets of at least 32 characters, separated by commas' }),
  TZ: z
    .string()
    .trim()
    .default('Asia/Shanghai')
    .refine(isKnownTimeZone, { message: 'is not a known IANA time zone, for example Asia/Shanghai' }),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  LINLI_DIALOG_REMINDER_MINUTES: z.coerce.number().int().positive().default(120),
  LINLI_DIALOG_EXPIRY_MINUTES: z.coerce.number().int().positive().default(24 * 60),
  LINLI_CHECKIN_TIME: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like 09:00' }).default('09:00'),
  LINLI_CHECKIN_REMINDER_TIME: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like 14:00' }).default('14:00'),
  LINLI_MARKET_STATUS_TIME: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like 08:30' }).default('08:30'),
  LINLI_MARKET_STATUS_REMINDER_TIME: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like 11:00' }).default('11:00'),
  LINLI_DIGEST_TIME: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like 18:00' }).default('18:00'),
  LINLI_DB_SCHEMA: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case SQL name, for example linli' })
    .default('public'),
  LINLI_QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be letters, digits, - or _' })
    .default('linli'),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: optionalUrl(['http', 'https']),
  TELEGRAM_WEBHOOK_URL: optionalUrl(['https', 'http']),
  TELEGRAM_WEBHOOK_PORT: optionalPort,
  WECHATY_PUPPET: optionalText,
  WECHATY_PUPPET_TOKEN: optionalText,
  WECHATY_SEND_GAP_MS: milliseconds(2000),
  WECHATY_SEND_JITTER_MS: milliseconds(2000),
  WECHATY_DAILY_CAP: z.coerce.number().int().positive().default(500),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl(['http', 'https']),
  OPENAI_MODEL: optionalText,
}).superRefine((settings, ctx) => {
  // Webhook mode needs both the public address Telegram posts to and the local port that serves it.
  const hasUrl = settings.TELEGRAM_WEBHOOK_URL !== undefined;
  const hasPort = settings.TELEGRAM_WEBHOOK_PORT !== undefined;
  if (hasUrl !== hasPort) {
    const [missing, given] = hasUrl
      ? ['TELEGRAM_WEBHOOK_PORT', 'TELEGRAM_WEBHOOK_URL']
      : ['TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_PORT'];
    ctx.addIssue({ code: 'custom', path: [missing], message: `must be set together with ${given} (leave both unset for long polling)` });
  }
  if ((hasUrl || hasPort) && !settings.TELEGRAM_BOT_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'is needed for the Telegram webhook' });
  }
});

export type Settings = z.infer<typeof settingsSchema>;

export interface TelegramConfig {
  token: string;
  apiRoot: string | undefined;
  /** Webhook mode: Telegram posts updates to `url`, served locally on `port`; long polling when absent. */
  webhook: { url: string; port: number } | undefined;
}

export interface WechatConfig {
  /** The Wechaty puppet package, e.g. wechaty-puppet-service or wechaty-puppet-wechat4u. */
  puppet: string;
  token: string | undefined;
  /**
   * WeChat's risk control watches an account that speaks like a machine: at least `sendGapMs`
   * between two messages, plus up to `sendJitterMs` at random, and no more than `dailyCap` a day.
   */
  sendGapMs: number;
  sendJitterMs: number;
  dailyCap: number;
}

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  secret: string | undefined;
  /** Secrets before the current one, still read while a key rotation is under way. */
  oldSecrets: string[];
  timeZone: string;
  logLevel: (typeof logLevels)[number];
  /** Several installations can share one Postgres (each its schema) and one Redis (each its prefix). */
  schema: string;
  queuePrefix: string;
  /** A quiet form gets a reminder after this long, and expires after that. */
  dialog: { reminderMinutes: number; expiryMinutes: number };
  /** When the daily check-in is asked and reminded, in the community's time zone ('HH:MM'). */
  checkin: { askAt: string; remindAt: string };
  /** When the daily digest is pushed to the staff, in the community's time zone ('HH:MM'). */
  digest: { at: string };
  /** When shop owners are asked for their staff's status, and reminded once ('HH:MM'). */
  market: { askAt: string; remindAt: string };
  telegram: TelegramConfig | undefined;
  wechaty: WechatConfig | undefined;
  model: { apiKey: string; baseUrl: string | undefined; model: string } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Linli cannot start: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the settings from the environment; a wrong setting is reported by its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`),
    );
  }
  const s = parsed.data;
  return {
    dataDir: path.resolve(s.LINLI_DATA_DIR),
    databaseUrl: s.DATABASE_URL,
    redisUrl: s.REDIS_URL,
    secret: s.LINLI_SECRET,
    oldSecrets: s.LINLI_OLD_SECRETS,
    timeZone: s.TZ,
    logLevel: s.LOG_LEVEL,
    schema: s.LINLI_DB_SCHEMA,
    queuePrefix: s.LINLI_QUEUE_PREFIX,
    checkin: { askAt: s.LINLI_CHECKIN_TIME, remindAt: s.LINLI_CHECKIN_REMINDER_TIME },
    digest: { at: s.LINLI_DIGEST_TIME },
    market: { askAt: s.LINLI_MARKET_STATUS_TIME, remindAt: s.LINLI_MARKET_STATUS_REMINDER_TIME },
    dialog: { reminderMinutes: s.LINLI_DIALOG_REMINDER_MINUTES, expiryMinutes: s.LINLI_DIALOG_EXPIRY_MINUTES },
    telegram: s.TELEGRAM_BOT_TOKEN
      ? {
          token: s.TELEGRAM_BOT_TOKEN,
          apiRoot: s.TELEGRAM_API_ROOT,
          webhook:
            s.TELEGRAM_WEBHOOK_URL && s.TELEGRAM_WEBHOOK_PORT
              ? { url: s.TELEGRAM_WEBHOOK_URL, port: s.TELEGRAM_WEBHOOK_PORT }
              : undefined,
        }
      : undefined,
    wechaty: s.WECHATY_PUPPET
      ? {
          puppet: s.WECHATY_PUPPET,
          token: s.WECHATY_PUPPET_TOKEN,
          sendGapMs: s.WECHATY_SEND_GAP_MS,
          sendJitterMs: s.WECHATY_SEND_JITTER_MS,
          dailyCap: s.WECHATY_DAILY_CAP,
        }
      : undefined,
    model:
      s.OPENAI_API_KEY && s.OPENAI_MODEL
        ? { apiKey: s.OPENAI_API_KEY, baseUrl: s.OPENAI_BASE_URL, model: s.OPENAI_MODEL }
        : undefined,
  };
}
