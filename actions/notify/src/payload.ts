import { createHmac } from 'node:crypto';

export const DEPLOY_RESULTS = ['deployed', 'promoted', 'rolled-back', 'failed'] as const;
export const VERDICTS = ['promote', 'rollback', 'inconclusive'] as const;
export const SIGNATURE_HEADER = 'X-Inventory-Devops-Signature-256';
export const EVENT_HEADER = 'X-Inventory-Devops-Event';
export const DELIVERY_HEADER = 'X-Inventory-Devops-Delivery';
export const EVENT = 'deployment';

export interface DeploymentOutcome {
  result: (typeof DEPLOY_RESULTS)[number];
  environment?: string;
  verdict?: (typeof VERDICTS)[number];
  image?: string;
  revision?: number;
}

/** The runner's variables the payload names the run by (GITHUB_REPOSITORY, GITHUB_SHA, ...). */
export type RunEnvironment = Record<string, string | undefined>;

export interface DeploymentPayload {
  event: typeof EVENT;
  result: DeploymentOutcome['result'];
  environment: string | null;
  verdict: DeploymentOutcome['verdict'] | null;
  image: string | null;
  revision: number | null;
  repository: string | null;
  commit: string | null;
  ref: string | null;
  actor: string | null;
  run: { id: string | null; attempt: string | null; url: string | null };
  sent_at: string;
}

/**
 * What the receiver gets: the outcome and where it came from, nothing else of the step's
 * environment (no input or variable that could hold a credential is ever read into it).
 */
export function deploymentPayload(outcome: DeploymentOutcome, env: RunEnvironment, now: Date): DeploymentPayload {
  const repository = env.GITHUB_REPOSITORY ?? null;
  const runId = env.GITHUB_RUN_ID ?? null;
  const attempt = env.GITHUB_RUN_ATTEMPT ?? null;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    event: EVENT,
    result: outcome.result,
    environment: outcome.environment ?? null,
    verdict: outcome.verdict ?? null,
    image: outcome.image ?? null,
    revision: outcome.revision ?? null,
    repository,
    commit: env.GITHUB_SHA ?? null,
    ref: env.GITHUB_REF ?? null,
    actor: env.GITHUB_ACTOR ?? null,
    run: {
      id: runId,
      attempt,
      url: repository && runId ? `${server}/${repository}/actions/runs/${runId}${attempt ? `/attempts/${attempt}` : ''}` : null,
    },
    sent_at: now.toISOString(),
  };
}

/**
 * JSON that stays inert when a receiver pastes it into HTML or a script (as Go's json.Marshal
 * writes it): `<`, `>`, `&` and the JavaScript line separators as \u escapes. Still plain JSON.
 */
export function encodePayload(payload: DeploymentPayload): string {
  return JSON.stringify(payload).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `sha256=<hex HMAC-SHA256 of the exact body>`, the shape of GitHub's X-Hub-Signature-256. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
