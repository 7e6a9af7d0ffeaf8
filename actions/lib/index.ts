export { abbreviate, ConfigurationError, describeError, errorCode } from './errors.js';
export { input, parseInputs, type InputShape, type Inputs } from './inputs.js';
export { setOutputs, type OutputValue } from './outputs.js';
export { runAction } from './run.js';
export { registerSecret, redactSecrets } from './secrets.js';
export { addPodProblems, writeSummary, type Summary } from './summary.js';
export { contextNamespace, Kubectl, KubectlError, type KubectlResult } from './kubernetes/kubectl.js';
export { checkObjectName, isNamedKind, isObjectName, type NamedKind } from './kubernetes/names.js';
export { prepareKubeconfig, type KubeconfigFile } from './kubernetes/kubeconfig.js';
export { upsertComment, type IssueRef, type UpsertResult } from './github.js';
export {
  SEVERITIES,
  countUnsuppressedBySeverity,
  securityFindingSchema,
  securityReportSchema,
  type SecurityFinding,
  type SecurityReport,
  type Severity,
} from './security-report.js';
export { finiteOrMissing } from './finite.js';
export { codeBlock, codeSpan, escapeHtml, escapeMarkdown } from './markdown.js';
