import fp from 'fastify-plugin';
import pg from 'pg';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: pg.Pool;
  }
}

/** The PostgreSQL pool, closed when the app closes (after in-flight requests have finished). */
export default fp<{ config: Config }>(
  async (fastify, { config }) => {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.db.poolMax,
      connectionTimeoutMillis: config.db.connectTimeoutMs,
      statement_timeout: config.db.statementTimeoutMs || undefined,
      application_name: 'inventory-service',
    });
    // An idle client loses its connection when PostgreSQL restarts; without a listener
    // that 'error' event would crash the process instead of failing readiness.
    pool.on('error', (error) => fastify.log.warn({ err: error }, 'idle database connection failed'));
    fastify.decorate('db', pool);
    fastify.addHook('onClose', async () => {
      await pool.end();
    });
  },
  { name: 'database' },
);
