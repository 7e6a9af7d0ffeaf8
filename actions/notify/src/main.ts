import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import { parseInputs, runAction, setOutputs } from '../../lib/index.js';
import { notifyInputs, notifySecretInputs } from './inputs.js';
import { DELIVERY_HEADER, deploymentPayload, encodePayload, EVENT, EVENT_HEADER, SIGNATURE_HEADER, signature } from './payload.js';
import { deliver } from './send.js';

export async function run(): Promise<void> {
  await runAction('notify', async () => {
    const inputs = parseInputs(notifyInputs, { secret: notifySecretInputs });
    const body = encodePayload(
      deploymentPayload(
        { result: inputs.result, environment: inputs.environment, verdict: inputs.verdict, image: inputs.image, revision: inputs.revision },
        process.env,
        new Date(),
      ),
    );
    const delivery = randomUUID();
    const status = await deliver({
      url: inputs['webhook-url'],
      body,
      timeoutSeconds: inputs.timeout,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'inventory-devops-notify',
        [EVENT_HEADER]: EVENT,
        [DELIVERY_HEADER]: delivery,
        [SIGNATURE_HEADER]: signature(body, inputs['webhook-secret']),
      },
    });
    core.info(`Notified the webhook of the result ${inputs.result} (delivery ${delivery}, HTTP ${status}).`);
    setOutputs({ delivery, status });
  });
}
