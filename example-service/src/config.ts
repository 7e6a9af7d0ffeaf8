import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The SQL migrations shipped with the service: `example-service/migrations`, next to `src/` and `dist/`. */
export const BUNDLED_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variables whose value must never appear in a message or a log line. */
const SECRET_VARIABLES = new Set(['DATABASE_URL']);

const integerFrom = (min: number, max: number) =>
  z
    .string()
    .refine((value) => /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max, {
      error: `must be an integer from ${min} to ${max}`,
    })
    .transform(Number);

const booleanFlag = z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).transform((value) => value === 'true');

const fraction = z
  .string()
  .refine((value) => /^\d*\.?\d+$/.test(value) && Number(value) <= 1, { error: 'must be a number from 0 to 1' })
  .transform(Number);

const postgresUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  { error: 'must be a postgres:// or postgresql:// URL with a host' },
);

const environmentSchema = z.object({
  DATABASE_URL: postgresUrl,
  HOST: z.string().default('0.0.0.0'),
  PORT: integerFrom(0, 65535).default(8080),
  MIGRATE_ON_START: booleanFlag.default(true),
  MIGRATIONS_DIR: z.string().default(BUNDLED_MIGRATIONS_DIR),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  DB_POOL_MAX: integerFrom(1, 200).default(16),
  DB_CONNECT_TIMEOUT_MS: integerFrom(100, 600_000).default(3000),
  DB_STATEMENT_TIMEOUT_MS: integerFrom(0, 3_600_000).default(5000),
  BODY_LIMIT_BYTES: integerFrom(256, 10_485_760).default(16_384),
  FAULT_ERROR_RATE: fraction.default(0),
  FAULT_LATENCY_MS: integerFrom(0, 600_000).default(0),
  SHUTDOWN_DELAY_MS: integerFrom(0, 600_000).default(0),
  SHUTDOWN_TIMEOUT_MS: integerFrom(1000, 600_000).default(10_000),
});

export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  migrateOnStart: boolean;
  migrationsDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  db: { poolMax: number; connectTimeoutMs: number; statementTimeoutMs: number };
  bodyLimitBytes: number;
  faults: { errorRate: number; latencyMs: number };
  shutdown: { delayMs: number; timeoutMs: number };
}

/** A configuration mistake the operator can fix; its message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from environment variables. An empty variable counts as unset,
 * as Kubernetes and shells often pass `NAME=` for "no value".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.keys(environmentSchema.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const parsed = environmentSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const value = raw[name];
      if (value === undefined) return `${name} is required`;
      const shown = SECRET_VARIABLES.has(name) ? '' : ` (got ${JSON.stringify(value)})`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    migrateOnStart: e.MIGRATE_ON_START,
    migrationsDir: e.MIGRATIONS_DIR,
    logLevel: e.LOG_LEVEL,
    db: { poolMax: e.DB_POOL_MAX, connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS, statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    faults: { errorRate: e.FAULT_ERROR_RATE, latencyMs: e.FAULT_LATENCY_MS },
    shutdown: { delayMs: e.SHUTDOWN_DELAY_MS, timeoutMs: e.SHUTDOWN_TIMEOUT_MS },
  };
}

/** The database URL with its password replaced, fit for logs. */
export function redactDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password !== '') url.password = '***';
  return url.toString();
}
