import { describe, expect, it } from 'vitest';
import { BUNDLED_MIGRATIONS_DIR, ConfigError, loadConfig, redactDatabaseUrl } from '../src/config.js';

const DATABASE_URL = 'postgres://inventory:s3cret@db.example:5432/inventory';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({ DATABASE_URL })).toEqual({
      databaseUrl: DATABASE_URL,
      host: '0.0.0.0',
      port: 8080,
      migrateOnStart: true,
      migrationsDir: BUNDLED_MIGRATIONS_DIR,
      logLevel: 'info',
      db: { poolMax: 16, connectTimeoutMs: 3000, statementTimeoutMs: 5000 },
      bodyLimitBytes: 16_384,
      faults: { errorRate: 0, latencyMs: 0 },
      shutdown: { delayMs: 0, timeoutMs: 10_000 },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_URL,
      HOST: '127.0.0.1',
      PORT: '3000',
      MIGRATE_ON_START: 'false',
      MIGRATIONS_DIR: '/srv/migrations',
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '8',
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '0',
      BODY_LIMIT_BYTES: '1024',
      FAULT_ERROR_RATE: '0.25',
      FAULT_LATENCY_MS: '150',
      SHUTDOWN_DELAY_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      migrateOnStart: false,
      migrationsDir: '/srv/migrations',
      logLevel: 'warn',
      db: { poolMax: 8, connectTimeoutMs: 1000, statementTimeoutMs: 0 },
      bodyLimitBytes: 1024,
      faults: { errorRate: 0.25, latencyMs: 150 },
      shutdown: { delayMs: 5000, timeoutMs: 20_000 },
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL, PORT: '', MIGRATE_ON_START: '' })).toMatchObject({ port: 8080, migrateOnStart: true });
  });

  it.each([
    [{}, 'Invalid configuration: DATABASE_URL is required'],
    [{ DATABASE_URL: 'mysql://u:p@h/db' }, 'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL with a host'],
    [{ DATABASE_URL, MIGRATE_ON_START: 'yes' }, 'Invalid configuration: MIGRATE_ON_START must be "true" or "false" (got "yes")'],
    [{ DATABASE_URL, MIGRATE_ON_START: '1' }, 'Invalid configuration: MIGRATE_ON_START must be "true" or "false" (got "1")'],
    [{ DATABASE_URL, PORT: 'http' }, 'Invalid configuration: PORT must be an integer from 0 to 65535 (got "http")'],
    [{ DATABASE_URL, PORT: '70000' }, 'Invalid configuration: PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ DATABASE_URL, LOG_LEVEL: 'verbose' }, 'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")'],
    [{ DATABASE_URL, DB_POOL_MAX: '0' }, 'Invalid configuration: DB_POOL_MAX must be an integer from 1 to 200 (got "0")'],
    [{ DATABASE_URL, FAULT_ERROR_RATE: '1.5' }, 'Invalid configuration: FAULT_ERROR_RATE must be a number from 0 to 1 (got "1.5")'],
    [{ DATABASE_URL, FAULT_ERROR_RATE: '50%' }, 'Invalid configuration: FAULT_ERROR_RATE must be a number from 0 to 1 (got "50%")'],
    [{ DATABASE_URL, FAULT_LATENCY_MS: '-5' }, 'Invalid configuration: FAULT_LATENCY_MS must be an integer from 0 to 600000 (got "-5")'],
    [
      { DATABASE_URL, PORT: 'x', MIGRATE_ON_START: 'no' },
      'Invalid configuration: PORT must be an integer from 0 to 65535 (got "x"); MIGRATE_ON_START must be "true" or "false" (got "no")',
    ],
  ])('rejects %j with one message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('never repeats the database URL, which holds a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'http://user:hunter2@host/db' })).toThrow(/^(?!.*hunter2)/);
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactDatabaseUrl(DATABASE_URL)).toBe('postgres://inventory:***@db.example:5432/inventory');
  });
});
