/**
 * The stable entry (`node example-service/dist/server.js`) used by the Dockerfile, the cluster
 * emulator and operators: validates the configuration, runs pending migrations unless
 * MIGRATE_ON_START=false, listens, and shuts down gracefully on SIGTERM/SIGINT.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, redactDatabaseUrl, type Config } from './config.js';
import { migrateUp } from './migrations.js';

function readConfig(): Config | undefined {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    pino({ name: 'inventory-service' }).fatal(error.message);
    process.exitCode = 1;
    return undefined;
  }
}

async function start(config: Config): Promise<void> {
  const app = await buildApp(config, {
    // Nagle's algorithm would hold back small keep-alive responses by up to 40 ms.
    http: { noDelay: true },
    // Longer than the idle timeout of common load balancers (60 s), so they close first.
    keepAliveTimeout: 72_000,
    requestTimeout: 30_000,
  });

  if (config.migrateOnStart) {
    try {
      const applied = await migrateUp(config.databaseUrl, config.migrationsDir, {
        info: (message) => app.log.info(message),
        warn: (message) => app.log.warn(message),
        error: (message) => app.log.error(message),
      });
      app.log.info({ applied }, applied.length === 0 ? 'database already up to date' : 'migrations applied');
    } catch (error) {
      app.log.fatal({ err: error }, 'migrations failed; not starting');
      await app.close();
      process.exitCode = 1;
      return;
    }
  }

  // Installed after migrations: its beforeExit handler would turn a failed start into exit 0.
  closeWithGrace(
    { delay: config.shutdown.delayMs + config.shutdown.timeoutMs, logger: { error: (message) => app.log.error(message) } },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'closing after an unexpected error');
      else app.log.info({ signal }, 'shutting down: draining in-flight requests');
      app.lifecycle.draining = true;
      // Gives load balancers time to see /ready fail before the listener goes away.
      if (config.shutdown.delayMs > 0) await sleep(config.shutdown.delayMs);
      await app.close();
      app.log.info('stopped');
    },
  );

  await app.listen({ host: config.host, port: config.port });
  app.log.info({ database: redactDatabaseUrl(config.databaseUrl), pid: process.pid }, 'inventory service started');
}

const config = readConfig();
if (config !== undefined) await start(config);
