import { NotImplementedError, parseInputs, runAction } from '../../lib/index.js';
import { rollbackInputs, rollbackSecretInputs } from './inputs.js';

export async function run(): Promise<void> {
  await runAction('rollback', async () => {
    parseInputs(rollbackInputs, { secret: rollbackSecretInputs });
    throw new NotImplementedError('rollback', 6);
  });
}
