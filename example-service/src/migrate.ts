/**
 * `node example-service/dist/migrate.js`: applies pending migrations and exits;
 * exit code 1 when the configuration is invalid or a migration fails.
 */
import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { migrateUp } from './migrations.js';

const logger = pino({ name: 'migrate' });

try {
  const config = loadConfig();
  logger.level = config.logLevel;
  const applied = await migrateUp(config.databaseUrl, config.migrationsDir, {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
  });
  logger.info({ applied }, applied.length === 0 ? 'database already up to date' : 'migrations applied');
} catch (error) {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, 'migration failed');
  process.exitCode = 1;
}
