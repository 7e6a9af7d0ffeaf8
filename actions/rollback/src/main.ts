import * as core from '@actions/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError, contextNamespace, errorCode, escapeHtml, escapeMarkdown, Kubectl, parseInputs, prepareKubeconfig, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { colourName, otherColour, readBlueGreenState, setRole, switchTraffic, type BlueGreenState } from '../../lib/blue-green.js';
import { DEPLOY_STATUS_ANNOTATION, replicaSetsOf, revisionOf, waitForRollout, type ReplicaSet } from '../../lib/rollout.js';
import { rollbackInputs, rollbackSecretInputs } from './inputs.js';
import { chooseRollbackTarget, type Revision } from './plan.js';

export async function run(): Promise<void> {
  await runAction('rollback', async () => {
    const started = Date.now();
    const inputs = parseInputs(rollbackInputs, { secret: rollbackSecretInputs });
    const kubeconfig = await prepareKubeconfig(inputs.kubeconfig);
    try {
      const unscoped = new Kubectl({ kubeconfig: kubeconfig.path });
      const kubectl = unscoped.inNamespace(inputs.namespace ?? (await contextNamespace(unscoped)));
      const name = inputs.deployment;
      const done = await rollBack(kubectl, name, inputs['to-revision'], inputs.timeout);
      const outcome = await core.group(`Wait for deployment/${done.serving}`, () => waitForRollout(kubectl, done.serving, inputs.timeout));
      if (inputs.reason) {
        await kubectl.run(['annotate', 'deployment', '--overwrite', '--', done.serving, `inventory-devops.io/rollback-reason=${inputs.reason}`]);
      }
      const health = outcome.ok && inputs['health-url'] ? await checkHealth(inputs['health-url'], started + inputs.timeout * 1000) : undefined;
      const ok = outcome.ok && (health === undefined || health.ok);
      const seconds = (Date.now() - started) / 1000;

      setOutputs({ 'from-revision': done.fromRevision, 'to-revision': done.toRevision, 'duration-seconds': seconds.toFixed(1), status: ok ? 'succeeded' : 'failed' });
      await writeSummary((summary) => {
        summary.addHeading(`${ok ? '✅ Rolled back' : '❌ Rollback failed'}: ${escapeHtml(`deployment/${done.serving} in namespace ${kubectl.namespace}`)} in ${seconds.toFixed(1)} s`, 3);
        for (const line of done.lines) summary.addRaw(`\n${escapeMarkdown(line)}\n`);
        if (inputs.reason) summary.addRaw(`\nWhy: ${escapeMarkdown(inputs.reason)}\n`);
        summary.addRaw(`\nRollout: ${escapeMarkdown(outcome.message)}\n`);
        if (health) summary.addRaw(`\nHealth check ${escapeMarkdown(inputs['health-url']!)}: ${escapeMarkdown(health.message)}\n`);
      });
      if (!outcome.ok) throw new ConfigurationError(`The rollback of deployment/${done.serving} did not become ready: ${outcome.message}`);
      if (health && !health.ok) throw new ConfigurationError(`After the rollback, ${inputs['health-url']} ${health.message}`);
    } finally {
      await kubeconfig.dispose();
    }
  });
}

interface RollbackDone {
  /** The Deployment serving after the rollback: waited for, annotated with the reason. */
  serving: string;
  fromRevision: number;
  toRevision: number;
  /** What was running and what runs now, for the summary. */
  lines: string[];
}

/** Strategy-aware, from what k8s-deploy left in the cluster: blue-green colours, a canary, or revisions. */
async function rollBack(kubectl: Kubectl, name: string, toRevision: number | undefined, timeoutSeconds: number): Promise<RollbackDone> {
  const blueGreen = await readBlueGreenState(kubectl, name);
  if (blueGreen.serving) {
    if (toRevision !== undefined) throw new ConfigurationError(`Input "to-revision" has value "${toRevision}": deployment/${name} is deployed blue-green, which rolls back by switching colours, not to a revision`);
    return switchBack(kubectl, name, blueGreen, timeoutSeconds);
  }
  const deployment = await kubectl.find<{ metadata: { annotations?: Record<string, string> } }>('Deployment', name);
  if (!deployment) throw new ConfigurationError(`Input "deployment" has value "${name}": no such Deployment (nor a blue-green ${colourName(name, 'blue')}/${colourName(name, 'green')}) in namespace ${kubectl.namespace}`);
  const current = revisionOf(deployment);

  const canaries = await existingCanaryDeployments(kubectl, name);
  if (canaries.length > 0) {
    await kubectl.run(['delete', 'deployment', '--wait=true', '--', ...canaries]);
    const lines = [`Removed ${canaries.join(' and ')}; deployment/${name} (revision ${current}) was serving throughout and serves alone now.`];
    return { serving: name, fromRevision: current, toRevision: current, lines };
  }
  const revisions = (await replicaSetsOf(kubectl, name)).map(describeRevision);
  const { target, skipped } = chooseRollbackTarget(revisions, current, toRevision);
  await kubectl.run(['rollout', 'undo', `--to-revision=${target.number}`, '--', `deployment/${name}`]);
  const lines = [
    `Was running revision ${current} (${imagesOf(revisions, current)}); now runs the template of revision ${target.number} (${target.images.join(', ') || 'no image'}).`,
    ...skipped.map((revision) => `Skipped revision ${revision.number}: k8s-deploy marked it failed.`),
  ];
  return { serving: name, fromRevision: current, toRevision: target.number, lines };
}

/**
 * A pending colour (never promoted) is removed; after a promotion the Services switch back
 * to the previous colour, which kept running, once it is ready, and the promoted one is removed.
 */
async function switchBack(kubectl: Kubectl, name: string, state: BlueGreenState, timeoutSeconds: number): Promise<RollbackDone> {
  const serving = state.colours[state.serving!]!;
  const other = state.colours[otherColour(serving.colour)];
  const from = { serving: serving.name, fromRevision: serving.revision };
  if (!other) {
    throw new ConfigurationError(`deployment/${serving.name} serves ${serving.images.join(', ')} and there is no other colour of deployment/${name} to switch back to: the previous release is kept only until the next deploy`);
  }
  if (other.role === 'pending') {
    await kubectl.run(['delete', 'deployment', '--wait=true', '--', other.name]);
    return { ...from, toRevision: serving.revision, lines: [`Removed deployment/${other.name} (${other.images.join(', ')}), which was never promoted; deployment/${serving.name} (${serving.images.join(', ')}) served throughout.`] };
  }
  const ready = await core.group(`Check deployment/${other.name} is ready`, () => waitForRollout(kubectl, other.name, timeoutSeconds));
  if (!ready.ok) throw new ConfigurationError(`deployment/${other.name} is not ready, so the Services were not switched back: ${ready.message}`);
  await switchTraffic(kubectl, serving.services, serving, other);
  await setRole(kubectl, other.name, 'serving');
  await kubectl.run(['delete', 'deployment', '--wait=true', '--', serving.name]);
  return {
    serving: other.name,
    fromRevision: serving.revision,
    toRevision: other.revision,
    lines: [
      `Was serving deployment/${serving.name} (${serving.images.join(', ')}); ${serving.services.map((service) => `service/${service}`).join(', ')} switched back to deployment/${other.name} (${other.images.join(', ')}), and deployment/${serving.name} was removed.`,
    ],
  };
}

async function existingCanaryDeployments(kubectl: Kubectl, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const candidate of [`${name}-canary`, `${name}-baseline`]) {
    if (await kubectl.find('Deployment', candidate)) found.push(candidate);
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
      // Only a code or the error's kind: fetch's messages may quote the URL, and with it whatever it holds.
      last = `did not answer (${errorCode(error) ?? (error instanceof Error ? error.name : 'unknown error')})`;
    }
    await sleep(1000);
  } while (Date.now() < giveUpAt);
  return { ok: false, message: last };
}
