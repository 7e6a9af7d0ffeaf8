import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import swagger from '@fastify/swagger';
import pino from 'pino';
import Fastify, {
  type FastifyError,
  type FastifyHttpOptions,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { ApiError, errorBody } from './errors.js';
import { AccessLog, REDACTED_PATHS } from './logging.js';
import itemsRoutes from './items/routes.js';
import database from './plugins/database.js';
import faults from './plugins/faults.js';
import itemsRepository from './plugins/items-repository.js';
import metrics from './plugins/metrics.js';
import operationsRoutes from './routes/operations.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the server on SIGTERM: /ready answers 503 so load balancers stop sending traffic. */
    lifecycle: { draining: boolean };
  }
}

/** PostgreSQL unreachable or restarting: the client did nothing wrong and may retry. */
const DATABASE_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isDatabaseUnavailable(error: FastifyError): boolean {
  return DATABASE_UNAVAILABLE_CODES.has(error.code) || /timeout exceeded when trying to connect|Connection terminated/.test(error.message);
}

const REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** Keeps a caller's X-Request-Id when it looks sane, so one id follows a request across services. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The Fastify options that shape the API; timeouts and connection handling are the server's. */
function appOptions(config: Config): FastifyServerOptions {
  return {
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Asynchronous stdout: under load, lines written while a write is in flight go out
      // together in the next one, instead of one system call per line. Flushed on exit.
      stream: pino.destination({ sync: false }),
    },
    logController: new AccessLog(),
    genReqId: requestId,
    bodyLimit: config.bodyLimitBytes,
    // Requests that arrive on a kept-alive connection while draining are served (with
    // Connection: close) rather than refused, so a rolling update loses none.
    return503OnClosing: false,
    routerOptions: { maxParamLength: 64 },
    // Malformed URLs and over-long parameters are rejected before routing; same error body.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const statusCode = error.statusCode ?? 400;
      reply.code(statusCode).send(errorBody(statusCode, error.code, error.message));
    },
  };
}

/** The inventory API as a plugin: external plugins, then app plugins, then routes. */
export const inventoryApp: FastifyPluginAsync<{ config: Config }> = async (fastify, { config }) => {
  // JSON only: without this, text/plain bodies would reach validation as strings.
  fastify.removeContentTypeParser('text/plain');
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

  await fastify.register(swagger, {
    openapi: {
      info: {
        title: 'Inventory service',
        version: '1.0.0',
        description: 'Items with stock levels. Every error answer has the Error body.',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await fastify.register(database, { config });
  await fastify.register(itemsRepository);
  await fastify.register(metrics);

  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // Node keeps a kept-alive connection open once its request finishes, even after server.close();
  // asking the client to close it lets the drain end as soon as the last response is out.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (fastify.lifecycle.draining) reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send(errorBody(error.statusCode, error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => ({
        in: error.validationContext,
        field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: issue.message,
      }));
      return reply.code(400).send(errorBody(400, 'VALIDATION_FAILED', error.message, details));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody(error.statusCode, error.code ?? 'BAD_REQUEST', error.message));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '1');
      return reply.code(503).send(errorBody(503, 'DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly'));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody(500, 'INTERNAL_ERROR', 'Internal server error'));
  });

  fastify.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody(404, 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
  });

  await fastify.register(operationsRoutes, { readinessTimeoutMs: config.db.connectTimeoutMs });
  await fastify.register(
    async (api) => {
      await api.register(faults, { faults: config.faults });
      await api.register(itemsRoutes);
    },
    { prefix: '/api/items' },
  );
};

/** A ready-to-listen app; `serverOptions` adds what the server owns (timeouts). */
export async function buildApp(config: Config, serverOptions: FastifyHttpOptions<Server> = {}): Promise<FastifyInstance> {
  const app = Fastify({ ...appOptions(config), ...serverOptions });
  app.decorate('lifecycle', { draining: false });
  await app.register(inventoryApp, { config });
  await app.ready();
  return app;
}
