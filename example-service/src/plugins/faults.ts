import { setTimeout as sleep } from 'node:timers/promises';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { errorBody } from '../errors.js';

/**
 * Rehearsal faults, off unless configured. Registered inside the API scope only, so probes
 * and metrics keep telling the truth while the API misbehaves.
 */
export default fp<{ faults: Config['faults'] }>(
  async (fastify, { faults }) => {
    if (faults.latencyMs === 0 && faults.errorRate === 0) return;
    fastify.addHook('onRequest', async (request, reply) => {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      if (Math.random() < faults.errorRate) {
        request.log.warn('injected fault: answering 500');
        return reply.code(500).send(errorBody(500, 'FAULT_INJECTED', 'Injected fault (FAULT_ERROR_RATE) for a rehearsal'));
      }
    });
  },
  { name: 'faults' },
);
