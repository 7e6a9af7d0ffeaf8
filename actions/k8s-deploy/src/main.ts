import { NotImplementedError, parseInputs, runAction } from '../../lib/index.js';
import { k8sDeployInputs, k8sDeploySecretInputs } from './inputs.js';

export async function run(): Promise<void> {
  await runAction('k8s-deploy', async () => {
    parseInputs(k8sDeployInputs, { secret: k8sDeploySecretInputs });
    throw new NotImplementedError('k8s-deploy', 6);
  });
}
