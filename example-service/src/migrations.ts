import { runner, type RunnerOption } from 'node-pg-migrate';

export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

function options(databaseUrl: string, directory: string, logger: MigrationLogger): RunnerOption {
  return {
    databaseUrl,
    dir: directory,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    advisoryLockMode: 'wait',
    checkOrder: true,
    logger: { debug: () => undefined, info: logger.info, warn: logger.warn, error: logger.error },
  };
}

/**
 * Applies pending SQL migrations from `directory` in one transaction. node-pg-migrate holds a
 * PostgreSQL advisory lock while it runs; in 'wait' mode a second replica starting at the same
 * time blocks on that lock, then finds nothing left to run. Returns the names it applied.
 */
export async function migrateUp(databaseUrl: string, directory: string, logger: MigrationLogger): Promise<string[]> {
  const applied = await runner({ ...options(databaseUrl, directory, logger), singleTransaction: true });
  return applied.map((migration) => migration.name);
}

/**
 * Rolls back the last `count` applied migrations, newest first, each in a transaction of its own
 * (the `-- Down Migration` section of its file), under the same advisory lock as `migrateUp`: a
 * rollback stopped by a failing migration keeps the ones already undone. Returns the names undone.
 */
export async function migrateDown(databaseUrl: string, directory: string, count: number, logger: MigrationLogger): Promise<string[]> {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`expected a whole number of migrations to roll back, at least 1 (got ${String(count)})`);
  const undone = await runner({ ...options(databaseUrl, directory, logger), direction: 'down', count, singleTransaction: false });
  return undone.map((migration) => migration.name);
}
