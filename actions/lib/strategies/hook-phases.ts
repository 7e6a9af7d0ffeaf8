import { runHooks, type HookPlan } from '../kubernetes/hooks.js';
import type { Kubectl } from '../kubernetes/kubectl.js';
import type { DeployOptions, DeployResult } from './deploy-result.js';

export type DeployAction = 'deploy' | 'promote' | 'abort';

/**
 * The hook phases around a strategy: pre-deploy hooks run once, before the new version gets any
 * traffic (a deploy of any strategy; not a promote, whose version already ran as canary or idle
 * colour); post-deploy hooks once the new version serves everything (a rolling deploy, a first
 * canary or blue-green deploy that went out as rolling, a promote). An abort runs none. A hook that
 * fails stops the deploy: before the workloads, nothing else was changed.
 */
export async function deployWithHooks(
  kubectl: Kubectl,
  plan: HookPlan,
  strategy: string,
  action: DeployAction,
  options: DeployOptions,
  deploy: (objects: HookPlan['objects']) => Promise<DeployResult>,
): Promise<DeployResult> {
  const pre = action === 'deploy' ? await runHooks(kubectl, plan.pre, options) : { ok: true, runs: [], message: '', problems: [] };
  if (!pre.ok) {
    return {
      status: 'failed',
      strategy,
      message: `${pre.message}. Nothing else was changed: the workloads were not applied`,
      workloads: [],
      notes: [],
      problems: pre.problems,
      hooks: pre.runs,
    };
  }
  const result = await deploy(plan.objects);
  result.hooks = [...pre.runs];
  const serving = action === 'promote' || (action === 'deploy' && result.strategy === 'rolling');
  if (result.status !== 'succeeded' || !serving || plan.post.length === 0) return result;
  const post = await runHooks(kubectl, plan.post, options);
  result.hooks.push(...post.runs);
  if (!post.ok) {
    result.status = 'failed';
    result.message = `${result.message}, but ${post.message.charAt(0).toLowerCase()}${post.message.slice(1)}`;
    result.problems.push(...post.problems);
  }
  return result;
}
