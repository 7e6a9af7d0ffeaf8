/**
 * `node example-service/dist/migrate.js [up]`: applies pending migrations and exits.
 * `node example-service/dist/migrate.js down N`: rolls back the last N applied migrations.
 * Exit code 1 when the arguments or the configuration are invalid or a migration fails.
 */
import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { migrateDown, migrateUp } from './migrations.js';

const logger = pino({ name: 'migrate' });
const USAGE = 'usage: migrate.js [up] | migrate.js down <count>';

/** The direction and count the arguments ask for; a ConfigError for anything else. */
function parseArguments(args: readonly string[]): { direction: 'up' } | { direction: 'down'; count: number } {
  const [direction = 'up', count, ...rest] = args;
  if (direction === 'up' && count === undefined) return { direction };
  if (direction === 'down' && count !== undefined && rest.length === 0) {
    if (!/^[1-9]\d{0,5}$/.test(count)) throw new ConfigError(`${USAGE}: the count must be a whole number from 1 (got "${count.slice(0, 40)}")`);
    return { direction, count: Number(count) };
  }
  throw new ConfigError(`${USAGE} (got "${args.join(' ').slice(0, 80)}")`);
}

try {
  const request = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  logger.level = config.logLevel;
  const log = {
    info: (message: string) => logger.info(message),
    warn: (message: string) => logger.warn(message),
    error: (message: string) => logger.error(message),
  };
  if (request.direction === 'up') {
    const applied = await migrateUp(config.databaseUrl, config.migrationsDir, log);
    logger.info({ applied }, applied.length === 0 ? 'database already up to date' : 'migrations applied');
  } else {
    const undone = await migrateDown(config.databaseUrl, config.migrationsDir, request.count, log);
    logger.info({ undone }, undone.length === 0 ? 'nothing to roll back' : 'migrations rolled back');
  }
} catch (error) {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, 'migration failed');
  process.exitCode = 1;
}
