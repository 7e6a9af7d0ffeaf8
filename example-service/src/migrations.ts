import { runner } from 'node-pg-migrate';

export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Applies pending SQL migrations from `directory` in one transaction. node-pg-migrate holds a
 * PostgreSQL advisory lock while it runs; in 'wait' mode a second replica starting at the same
 * time blocks on that lock, then finds nothing left to run. Returns the names it applied.
 */
export async function migrateUp(databaseUrl: string, directory: string, logger: MigrationLogger): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: directory,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    advisoryLockMode: 'wait',
    singleTransaction: true,
    checkOrder: true,
    logger: { debug: () => undefined, info: logger.info, warn: logger.warn, error: logger.error },
  });
  return applied.map((migration) => migration.name);
}
