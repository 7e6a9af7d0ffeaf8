import { ConfigurationError, contextNamespace, Kubectl, parseInputs, prepareKubeconfig, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { rollbackInputs, rollbackSecretInputs } from './inputs.js';
import { recordRollbackOnGitHub, servingCommit } from './github-record.js';
import { rollBack } from './rollback.js';
import { renderRollbackSummary } from './summary.js';

export async function run(): Promise<void> {
  await runAction('rollback', async () => {
    const started = Date.now();
    const inputs = parseInputs(rollbackInputs, { secret: rollbackSecretInputs });
    const kubeconfig = await prepareKubeconfig(inputs.kubeconfig);
    try {
      const unscoped = new Kubectl({ kubeconfig: kubeconfig.path });
      const namespace = inputs.namespace ?? (await contextNamespace(unscoped));
      const kubectl = unscoped.inNamespace(namespace);
      const outcome = await rollBack(kubectl, {
        deployment: inputs.deployment,
        toRevision: inputs['to-revision'],
        reason: inputs.reason,
        healthUrl: inputs['health-url'],
        timeoutSeconds: inputs.timeout,
        started,
      });
      const { done, rollout, health, ok } = outcome;
      const seconds = (Date.now() - started) / 1000;

      setOutputs({
        'from-revision': done.fromRevision,
        'to-revision': done.toRevision,
        'duration-seconds': seconds.toFixed(1),
        status: ok ? 'succeeded' : 'failed',
      });
      await writeSummary((summary) => renderRollbackSummary(summary, outcome, kubectl.namespace, inputs.reason, inputs['health-url'], seconds));
      const token = inputs['github-token'];
      if (token && ok)
        await recordRollbackOnGitHub({
          token,
          environment: inputs.environment ?? namespace,
          restoredCommit: await servingCommit(kubectl, done.serving),
          reason: inputs.reason,
        });
      if (!rollout.ok) {
        const said = health && !health.ok ? `; ${inputs['health-url']} ${health.message}` : '';
        throw new ConfigurationError(`The rollback of deployment/${done.serving} did not become ready: ${rollout.message}${said}`);
      }
      if (health && !health.ok) throw new ConfigurationError(`After the rollback, ${inputs['health-url']} ${health.message}`);
    } finally {
      await kubeconfig.dispose();
    }
  });
}
