import { NotImplementedError, parseInputs, runAction } from '../../lib/index.js';
import { canaryAnalyzeInputs, canaryAnalyzeSecretInputs } from './inputs.js';

export async function run(): Promise<void> {
  await runAction('canary-analyze', async () => {
    parseInputs(canaryAnalyzeInputs, { secret: canaryAnalyzeSecretInputs });
    throw new NotImplementedError('canary-analyze', 7);
  });
}
