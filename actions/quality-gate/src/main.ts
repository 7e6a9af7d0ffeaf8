import { NotImplementedError, parseInputs, runAction } from '../../lib/index.js';
import { qualityGateInputs, qualityGateSecretInputs } from './inputs.js';

export async function run(): Promise<void> {
  await runAction('quality-gate', async () => {
    parseInputs(qualityGateInputs, { secret: qualityGateSecretInputs });
    throw new NotImplementedError('quality-gate', 3);
  });
}
