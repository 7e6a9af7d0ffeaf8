import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const tags = ['operations'];

const health = z.object({ status: z.literal('ok') });
const readiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  reason: z.string().optional().describe('Why the instance should not receive traffic'),
});

/** Probes, metrics and the API description: never subject to fault injection. */
const operationsRoutes: FastifyPluginAsyncZod<{ readinessTimeoutMs: number }> = async (fastify, { readinessTimeoutMs }) => {
  fastify.get('/health', { schema: { tags, summary: 'Liveness: the process is up and serving', response: { 200: health } } }, async () => ({
    status: 'ok' as const,
  }));

  fastify.get(
    '/ready',
    {
      schema: {
        tags,
        summary: 'Readiness: the database answers with the schema this version reads, and the instance is not shutting down',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (request, reply) => {
      if (fastify.lifecycle.draining) {
        return reply.code(503).send({ status: 'unavailable', reason: 'shutting down' });
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${readinessTimeoutMs} ms`)), readinessTimeoutMs);
      });
      let missing: string[];
      try {
        missing = await Promise.race([fastify.items.missingSchema(), timeout]);
      } catch (error) {
        // The driver's text names the host, the port and the user: for the log, not for the caller.
        request.log.warn({ err: error }, 'readiness check: database unreachable');
        return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
      } finally {
        clearTimeout(timer);
      }
      if (missing.length === 0) return { status: 'ready' as const };
      // Names of the schema only, no connection details: safe for the caller, and what a rollback's health check reports.
      const reason = `database schema lacks ${missing.join(', ')}`;
      request.log.warn({ missing }, `readiness check: ${reason}`);
      return reply.code(503).send({ status: 'unavailable', reason });
    },
  );

  fastify.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const body = await fastify.metrics.metrics();
    return reply.type(fastify.metrics.contentType).send(body);
  });

  fastify.get('/docs/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());
};

export default operationsRoutes;
