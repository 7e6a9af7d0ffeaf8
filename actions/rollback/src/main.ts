import * as core from '@actions/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError, Kubectl, parseInputs, prepareKubeconfig, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { DEPLOY_STATUS_ANNOTATION, replicaSetsOf, revisionOf, waitForRollout, type ReplicaSet } from '../../lib/rollout.js';
import { rollbackInputs, rollbackSecretInputs } from './inputs.js';
import { chooseRollbackTarget, type Revision } from './plan.js';

export async function run(): Promise<void> {
  await runAction('rollback', async () => {
    const started = Date.now();
    const inputs = parseInputs(rollbackInputs, { secret: rollbackSecretInputs });
    const kubeconfig = await prepareKubeconfig(inputs.kubeconfig);
    try {
      const kubectl = new Kubectl({ kubeconfig: kubeconfig.path, namespace: inputs.namespace });
      const name = inputs.deployment;
      const deployment = await kubectl.find<{ metadata: { annotations?: Record<string, string> } }>('deployment', name);
      if (!deployment) throw new ConfigurationError(`Input "deployment" has value "${name}": no such Deployment in namespace ${inputs.namespace ?? '(kubeconfig default)'}`);
      const current = revisionOf(deployment);

      const canaries = await existingCanaryDeployments(kubectl, name);
      let summaryLines: string[];
      let toRevision: number;
      if (canaries.length > 0) {
        await kubectl.run(['delete', 'deployment', ...canaries, '--wait=true']);
        toRevision = current;
        summaryLines = [`Removed ${canaries.join(' and ')}; deployment/${name} (revision ${current}) was serving throughout and serves alone now.`];
      } else {
        const revisions = (await replicaSetsOf(kubectl, name)).map(describeRevision);
        const { target, skipped } = chooseRollbackTarget(revisions, current, inputs['to-revision']);
        await kubectl.run(['rollout', 'undo', `deployment/${name}`, `--to-revision=${target.number}`]);
        toRevision = target.number;
        summaryLines = [
          `Was running revision ${current} (${imagesOf(revisions, current)}); now runs the template of revision ${target.number} (${target.images.join(', ') || 'no image'}).`,
          ...skipped.map((revision) => `Skipped revision ${revision.number}: k8s-deploy marked it failed.`),
        ];
      }
      const outcome = await core.group(`Wait for deployment/${name}`, () => waitForRollout(kubectl, name, inputs.timeout));
      if (inputs.reason) {
        await kubectl.run(['annotate', 'deployment', name, `inventory-devops.io/rollback-reason=${inputs.reason}`, '--overwrite']);
      }
      const health = outcome.ok && inputs['health-url'] ? await checkHealth(inputs['health-url'], started + inputs.timeout * 1000) : undefined;
      const ok = outcome.ok && (health === undefined || health.ok);
      const seconds = (Date.now() - started) / 1000;

      setOutputs({ 'from-revision': current, 'to-revision': toRevision, 'duration-seconds': seconds.toFixed(1), status: ok ? 'succeeded' : 'failed' });
      await writeSummary((summary) => {
        summary.addHeading(`${ok ? '✅ Rolled back' : '❌ Rollback failed'}: deployment/${name} in ${seconds.toFixed(1)} s`, 3);
        for (const line of summaryLines) summary.addRaw(`\n${line}\n`);
        if (inputs.reason) summary.addRaw(`\nWhy: ${inputs.reason}\n`);
        summary.addRaw(`\nRollout: ${outcome.message}\n`);
        if (health) summary.addRaw(`\nHealth check ${inputs['health-url']}: ${health.message}\n`);
      });
      if (!outcome.ok) throw new ConfigurationError(`The rollback of deployment/${name} did not become ready: ${outcome.message}`);
      if (health && !health.ok) throw new ConfigurationError(`After the rollback, ${inputs['health-url']} ${health.message}`);
    } finally {
      await kubeconfig.dispose();
    }
  });
}

async function existingCanaryDeployments(kubectl: Kubectl, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const candidate of [`${name}-canary`, `${name}-baseline`]) {
    if (await kubectl.find('deployment', candidate)) found.push(candidate);
  }
  return found;
}

function describeRevision(replicaSet: ReplicaSet): Revision {
  const template = replicaSet.spec?.template as { spec?: { containers?: Array<{ image?: string }> } } | undefined;
  return {
    number: revisionOf(replicaSet),
    failed: replicaSet.metadata.annotations?.[DEPLOY_STATUS_ANNOTATION] === 'failed',
    images: (template?.spec?.containers ?? []).flatMap((container) => (container.image ? [container.image] : [])),
  };
}

function imagesOf(revisions: Revision[], number: number): string {
  return revisions.find((revision) => revision.number === number)?.images.join(', ') || 'unknown images';
}

/** The health URL must answer 2xx; a service that just rolled back may need a few tries. */
async function checkHealth(url: string, deadline: number): Promise<{ ok: boolean; message: string }> {
  let last = 'did not answer';
  const giveUpAt = Math.min(deadline, Date.now() + 30_000);
  do {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return { ok: true, message: `answered ${response.status}` };
      last = `answered ${response.status}`;
    } catch (error: unknown) {
      last = `did not answer (${error instanceof Error ? error.message : String(error)})`;
    }
    await sleep(1000);
  } while (Date.now() < giveUpAt);
  return { ok: false, message: last };
}
