import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deploymentPayload, encodePayload, signature } from '../../actions/notify/src/payload.js';

const RUN = {
  GITHUB_REPOSITORY: 'acme/inventory-service',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_REF: 'refs/heads/main',
  GITHUB_ACTOR: 'octocat',
};
const NOW = new Date('2026-12-01T12:00:00Z');

describe('deploymentPayload', () => {
  it('names the outcome, the commit and a link to the run attempt', () => {
    expect(deploymentPayload({ result: 'rolled-back', environment: 'production', verdict: 'rollback', revision: 7 }, RUN, NOW)).toEqual({
      event: 'deployment',
      result: 'rolled-back',
      environment: 'production',
      verdict: 'rollback',
      image: null,
      revision: 7,
      repository: 'acme/inventory-service',
      commit: 'a'.repeat(40),
      ref: 'refs/heads/main',
      actor: 'octocat',
      run: { id: '42', attempt: '2', url: 'https://github.com/acme/inventory-service/actions/runs/42/attempts/2' },
      sent_at: '2026-12-01T12:00:00.000Z',
    });
  });

  it('reads nothing of the environment but the run variables it names', () => {
    const body = encodePayload(
      deploymentPayload({ result: 'failed' }, { ...RUN, KUBECONFIG: 'token: s3cret', INPUT_WEBHOOK_SECRET: 'hush-hush-hush-hush' }, NOW),
    );
    expect(body).not.toContain('s3cret');
    expect(body).not.toContain('hush');
  });

  it('has no run link outside a run', () => {
    expect(deploymentPayload({ result: 'deployed' }, {}, NOW).run).toEqual({ id: null, attempt: null, url: null });
  });
});

describe('encodePayload', () => {
  it('escapes what a page would read as markup or a line break, and stays the same JSON', () => {
    const payload = deploymentPayload({ result: 'failed', environment: '<img src=x onerror=alert(1)> & \u2028' }, RUN, NOW);
    const body = encodePayload(payload);
    expect(body).not.toMatch(/[<>&\u2028]/);
    expect(body).toContain('\\u003cimg src=x onerror=alert(1)\\u003e \\u0026 \\u2028');
    expect(JSON.parse(body)).toEqual(payload);
  });
});

describe('signature', () => {
  it("is GitHub's X-Hub-Signature-256 shape: sha256= and the hex HMAC of the exact body", () => {
    const body = '{"event":"deployment"}';
    expect(signature(body, 'It\u2019s a Secret to Everybody')).toBe(
      `sha256=${createHmac('sha256', 'It\u2019s a Secret to Everybody').update(body).digest('hex')}`,
    );
    // GitHub's documented test vector for X-Hub-Signature-256.
    expect(signature('Hello, World!', "It's a Secret to Everybody")).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });
});
