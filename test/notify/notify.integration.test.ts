import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE_VALUES } from '../harness/hostile.js';
import { listenLocally, readBody, type LocalServer } from '../harness/local-server.js';
import { errorMessages, runBundle } from '../harness/run-bundle.js';

const SECRET = 'a-webhook-signing-key-0123456789';
const RUN_ENV = {
  GITHUB_REPOSITORY: 'acme/inventory-service',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: 'b'.repeat(40),
  GITHUB_REF: 'refs/tags/v1.4.0',
  GITHUB_ACTOR: 'octocat',
  // Secrets the step's environment may hold: none may reach the receiver.
  KUBECONFIG: 'users: [{user: {token: kube-token-never-sent}}]',
};

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

/** A receiver that answers with the given statuses in turn (then 200) and keeps every request. */
async function receiver(statuses: number[] = []): Promise<LocalServer & { received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      received.push({ headers: request.headers, body, path: request.url ?? '' });
      const status = statuses.shift() ?? 200;
      response.writeHead(status, status >= 300 && status < 400 ? { Location: 'http://127.0.0.1:1/elsewhere' } : {}).end();
    });
  });
  return { ...(await listenLocally(server)), received };
}

/** What a receiver does: the HMAC of the raw body, compared in constant time. */
function verified(received: Received, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(received.body).digest('hex')}`);
  const given = Buffer.from(String(received.headers['x-inventory-devops-signature-256'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let server: (LocalServer & { received: Received[] }) | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const notify = (inputs: Record<string, string>, url: string) =>
  runBundle({
    action: 'actions/notify',
    inputs: { 'webhook-url': `${url}/hooks/deploy?token=url-token-never-logged`, 'webhook-secret': SECRET, ...inputs },
    env: RUN_ENV,
    timeoutMs: 30_000,
  });

describe('notify (built bundle) against a local receiver', () => {
  it('POSTs the outcome as JSON with a signature the receiver verifies', async () => {
    server = await receiver();
    const run = await notify(
      {
        result: 'rolled-back',
        environment: 'production',
        verdict: 'rollback',
        image: 'ghcr.io/acme/inventory-service@sha256:' + 'c'.repeat(64),
        revision: '7',
      },
      server.url,
    );
    expect(errorMessages(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(server.received).toHaveLength(1);
    const [request] = server.received as [Received];
    expect(request.path).toBe('/hooks/deploy?token=url-token-never-logged');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-inventory-devops-event']).toBe('deployment');
    expect(request.headers['x-inventory-devops-delivery']).toBe(run.outputs.delivery);
    expect(verified(request, SECRET)).toBe(true);
    expect(verified(request, `${SECRET}x`)).toBe(false);
    expect(JSON.parse(request.body)).toMatchObject({
      event: 'deployment',
      result: 'rolled-back',
      environment: 'production',
      verdict: 'rollback',
      revision: 7,
      repository: 'acme/inventory-service',
      commit: 'b'.repeat(40),
      run: { url: 'https://github.com/acme/inventory-service/actions/runs/4242/attempts/1' },
    });
    expect(run.outputs.status).toBe('200');
  });

  it('never sends or logs a secret: the signing key, the URL token, the kubeconfig', async () => {
    server = await receiver();
    const run = await notify({ result: 'failed' }, server.url);
    expect(run.exitCode).toBe(0);
    const [request] = server.received as [Received];
    const sent = `${request.body}${JSON.stringify(request.headers)}`;
    for (const secret of [SECRET, 'kube-token-never-sent']) expect(sent).not.toContain(secret);
    expect(run.masks).toEqual(expect.arrayContaining([SECRET, expect.stringContaining('url-token-never-logged')]));
    expect(run.everythingWritten).not.toContain(SECRET);
    expect(run.everythingWritten).not.toContain('url-token-never-logged');
  });

  it('sends hostile text in the environment name escaped, and the receiver reads it back unchanged', async () => {
    server = await receiver();
    const environment = '<img src=x onerror=alert(1)> & "@org/team"';
    const run = await notify({ result: 'deployed', environment }, server.url);
    expect(run.exitCode).toBe(0);
    const [request] = server.received as [Received];
    expect(request.body).not.toMatch(/[<>&]/);
    expect(JSON.parse(request.body).environment).toBe(environment);
    expect(verified(request, SECRET)).toBe(true);
  });

  const refused = HOSTILE_VALUES.filter((hostile) => hostile.environmentSafe && /[^A-Za-z0-9._\-/:@]/.test(hostile.value));
  it.each(refused.map((hostile) => [hostile.label, hostile.value]))(
    'refuses the image %s with an error naming the input, and sends nothing',
    async (_label, value) => {
      server = await receiver();
      const run = await notify({ result: 'deployed', image: value }, server.url);
      expect(run.exitCode).toBe(1);
      expect(errorMessages(run).join('\n')).toContain('Input "image" has value');
      expect(server.received).toEqual([]);
    },
  );

  it('refuses a result it does not know, a short key and a URL with credentials, sending nothing', async () => {
    server = await receiver();
    const bad = await notify({ result: 'shipped', 'webhook-secret': 'short' }, server.url);
    expect(bad.exitCode).toBe(1);
    const message = errorMessages(bad).join('\n');
    expect(message).toContain('Input "result" has value "shipped": expected one of deployed, promoted, rolled-back, failed');
    expect(message).toContain('Input "webhook-secret" has value (value hidden): expected a signing key of at least 16 characters');
    const withCredentials = await runBundle({
      action: 'actions/notify',
      inputs: { 'webhook-url': server.url.replace('http://', 'http://user:pass-never-logged@'), 'webhook-secret': SECRET, result: 'failed' },
      timeoutMs: 30_000,
    });
    expect(withCredentials.exitCode).toBe(1);
    expect(errorMessages(withCredentials).join('\n')).toContain('Input "webhook-url" has value (value hidden)');
    expect(withCredentials.everythingWritten).not.toContain('pass-never-logged');
    expect(server.received).toEqual([]);
  });

  it('tries again after a 5xx with the same delivery id and body, and succeeds', async () => {
    server = await receiver([503]);
    const run = await notify({ result: 'promoted' }, server.url);
    expect(run.exitCode).toBe(0);
    expect(server.received).toHaveLength(2);
    const [first, second] = server.received as [Received, Received];
    expect(second.body).toBe(first.body);
    expect(second.headers['x-inventory-devops-delivery']).toBe(first.headers['x-inventory-devops-delivery']);
  });

  it.each([
    [403, 'The webhook refused the notification: HTTP 403.'],
    [302, 'The webhook answered HTTP 302 (a redirect, not followed): give its final URL.'],
  ])('fails at once on HTTP %i without another try or following anything', async (status, message) => {
    server = await receiver([status]);
    const run = await notify({ result: 'failed' }, server.url);
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run)).toEqual([`notify: ${message}`]);
    expect(server.received).toHaveLength(1);
  });

  it('fails with a clear message, not the URL, when nothing listens', async () => {
    const closed = await receiver();
    const url = closed.url;
    await closed.close();
    const run = await notify({ result: 'failed' }, url);
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run)).toEqual(['notify: The webhook could not be notified after 3 attempts: could not connect (ECONNREFUSED).']);
  });
});
