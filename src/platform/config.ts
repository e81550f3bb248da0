import path from 'node:path';
import { z } from 'zod';
import { keyListProblem } from './crypto/keyring.js';

/**
 * Configuration from the environment, validated once at boot (STYLE.md 7): nothing else reads
 * `process.env`. Everything else (association details, categories, deadlines…) is a setting in
 * the database.
 */
const KEY_LIST_SHAPE = /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/;
const keyList = z
  .string()
  .trim()
  .regex(KEY_LIST_SHAPE, 'must be a comma-separated list of keyId:base64')
  // Right shape, wrong length (a 16-byte key) is refused here too, not as a crash when first used.
  .superRefine((value, ctx) => {
    const problem = KEY_LIST_SHAPE.test(value) ? keyListProblem(value) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  SILA_DATA_DIR: z.string().min(1).default('./data'),
  SILA_PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://sila.example.org' }).optional(),
  SILA_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '' || value === 'false') return false;
      if (value === 'true') return true;
      if (/^\d+$/.test(value)) return Number(value);
      if (/^[0-9a-fA-F.:/,\s]+$/.test(value)) return value;
      ctx.addIssue({ code: 'custom', message: 'must be true, false, a hop count or a list of addresses' });
      return z.NEVER;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SILA_ENCRYPTION_KEY: keyList.optional(),
  SILA_INDEX_KEY: keyList.optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  WHATSAPP_TOKEN: z.string().optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  // Delivery reports (issue 20 §5): the Meta app's secret signs WhatsApp's webhook calls, the verify
  // token answers its subscription check; SMS reports carry SMS_REPORT_TOKEN.
  WHATSAPP_APP_SECRET: z.string().min(16, 'must be the Meta app secret').optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SMS_REPORT_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
});

export type DatabaseConfig = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  publicUrl: string | undefined;
  trustProxy: boolean | number | string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  encryptionKey: string | undefined;
  indexKey: string | undefined;
  transports: {
    smtpUrl: string | undefined;
    smsGatewayUrl: string | undefined;
    smsGatewayToken: string | undefined;
    whatsappToken: string | undefined;
    whatsappPhoneNumberId: string | undefined;
    /** Checks the signature of WhatsApp's status webhook; without it the webhook is closed. */
    whatsappAppSecret: string | undefined;
    /** Answers WhatsApp's subscription check (GET with `hub.verify_token`). */
    whatsappVerifyToken: string | undefined;
    /** The shared secret of the SMS gateway's delivery reports; without it the endpoint is closed. */
    smsReportToken: string | undefined;
  };
}

/** A bad environment (or key file): one line naming every bad variable, for the operator. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** `SILA_DEBUG=1`: the command line prints an unexpected error's stack, not only its message. */
export function isDebugRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SILA_DEBUG === '1' || env.SILA_DEBUG === 'true';
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.SILA_DATA_DIR);
  let database: DatabaseConfig;
  if (!e.DATABASE_URL) database = { engine: 'sqlite', file: path.join(dataDir, 'sila.db') };
  else if (e.DATABASE_URL.startsWith('sqlite:')) {
    const file = e.DATABASE_URL.slice('sqlite:'.length);
    database = { engine: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  } else database = { engine: 'postgres', url: e.DATABASE_URL };

  const problems: string[] = [];
  if (database.engine === 'postgres' && (!e.SILA_ENCRYPTION_KEY || !e.SILA_INDEX_KEY)) {
    problems.push('SILA_ENCRYPTION_KEY and SILA_INDEX_KEY are required with PostgreSQL (each keyId:base64 of 32 bytes)');
  }
  if (e.SMS_GATEWAY_URL && !e.SMS_GATEWAY_TOKEN) problems.push('SMS_GATEWAY_TOKEN is required with SMS_GATEWAY_URL');
  if (Boolean(e.WHATSAPP_TOKEN) !== Boolean(e.WHATSAPP_PHONE_NUMBER_ID)) {
    problems.push('WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID go together');
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    publicUrl: e.SILA_PUBLIC_URL,
    trustProxy: e.SILA_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    encryptionKey: e.SILA_ENCRYPTION_KEY,
    indexKey: e.SILA_INDEX_KEY,
    transports: {
      smtpUrl: e.SMTP_URL,
      smsGatewayUrl: e.SMS_GATEWAY_URL,
      smsGatewayToken: e.SMS_GATEWAY_TOKEN,
      whatsappToken: e.WHATSAPP_TOKEN,
      whatsappPhoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
      whatsappAppSecret: e.WHATSAPP_APP_SECRET,
      whatsappVerifyToken: e.WHATSAPP_VERIFY_TOKEN,
      smsReportToken: e.SMS_REPORT_TOKEN,
    },
  };
}
