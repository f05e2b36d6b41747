import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATA_DIR: z.string().default('./data'),
  DATA_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, '须为 32 字节密钥的 base64 编码（44 个字符）')
    .optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_BACKOFF_AFTER: z.coerce.number().int().positive().default(5),
  LOGIN_BACKOFF_MAX_MINUTES: z.coerce.number().positive().default(15),
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, '须为 true、false、代理层数（如 1）或代理地址列表（如 127.0.0.1,10.0.0.0/8）')
    .default('false'),
  PUBLIC_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  COOKIE_SECURE: booleanFlag.default(false),
  SEED_DEMO: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Connections the server keeps open to a PostgreSQL server (DATABASE_URL); the embedded database has one. */
  databasePoolSize: number;
  dataDir: string;
  /** base64 of the 32-byte key that encrypts 身份证号 and phone numbers; from a key file under dataDir when unset. */
  dataKey: string | undefined;
  sessionTtlHours: number;
  /** Failed logins of one client on one account before it must wait (back-off, doubling from 30 s). */
  loginBackoffAfter: number;
  /** The longest wait the back-off imposes. */
  loginBackoffMaxMinutes: number;
  /** Fastify's trustProxy: whose X-Forwarded-For / -Proto to believe (false: nobody's). */
  trustProxy: boolean | number | string;
  /** Requests per minute one address may make to the public complaint endpoints (督4). */
  publicRatePerMinute: number;
  cookieSecure: boolean;
  /**
   * Asks for a demo (true) or a real installation (false) when the installation is first set up; unset, the
   * rule of kernel/installation.ts decides. Afterwards the recorded kind counts, never this.
   */
  seedDemo: boolean | undefined;
  logLevel: string;
  version: string;
  webDistDir: string | undefined;
};

export const APP_VERSION = '0.1.0';

function trustProxyOf(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Parses the environment once; nothing else in the server reads process.env. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`环境变量配置有误：${problems}`);
  }
  const values = parsed.data;
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    dataDir: path.resolve(values.DATA_DIR),
    dataKey: values.DATA_KEY,
    sessionTtlHours: values.SESSION_TTL_HOURS,
    loginBackoffAfter: values.LOGIN_BACKOFF_AFTER,
    loginBackoffMaxMinutes: values.LOGIN_BACKOFF_MAX_MINUTES,
    trustProxy: trustProxyOf(values.TRUST_PROXY),
    publicRatePerMinute: values.PUBLIC_RATE_PER_MINUTE,
    cookieSecure: values.COOKIE_SECURE,
    seedDemo: values.SEED_DEMO,
    logLevel: values.LOG_LEVEL,
    version: APP_VERSION,
    webDistDir: undefined,
    ...overrides,
  };
}
