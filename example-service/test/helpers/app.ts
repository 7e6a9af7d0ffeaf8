import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { migrateUp } from '../../src/migrations.js';
import { startPostgres, type EmbeddedCluster } from '../../scripts/embedded-postgres.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env });
}

export interface TestContext {
  postgres: EmbeddedCluster;
  databaseUrl: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** An embedded PostgreSQL for this test file, a migrated database, and the app on it (not listening). */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase('inventory_test');
  const config = testConfig(databaseUrl, env);
  await migrateUp(databaseUrl, config.migrationsDir, quiet);
  const app = await buildApp(config);
  return {
    postgres,
    databaseUrl,
    app,
    async close() {
      await app.close();
      await postgres.destroy();
    },
  };
}
