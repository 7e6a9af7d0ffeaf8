import { NotImplementedError, parseInputs, runAction } from '../../lib/index.js';
import { securityScanInputs } from './inputs.js';

export async function run(): Promise<void> {
  await runAction('security-scan', async () => {
    parseInputs(securityScanInputs);
    throw new NotImplementedError('security-scan', 4);
  });
}
