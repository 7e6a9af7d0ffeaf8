export { ConfigurationError, NotImplementedError, describeError } from './errors.js';
export { input, parseInputs, type InputShape, type Inputs } from './inputs.js';
export { setOutputs, type OutputValue } from './outputs.js';
export { runAction } from './run.js';
export { registerSecret, redactSecrets } from './secrets.js';
export { passFail, writeSummary, type Summary } from './summary.js';
export { Kubectl, KubectlError, type KubectlResult } from './kubectl.js';
export { prepareKubeconfig, type KubeconfigFile } from './kubeconfig.js';
