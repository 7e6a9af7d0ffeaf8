import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../actions/lib/kubernetes/kubectl.js';

/**
 * The real kubectl cannot answer a lookup after `--` with a List or another object: that is the
 * point of `--`. To prove find() refuses such answers anyway (an API server or a proxy could
 * send them), this stand-in prints a chosen answer and records its arguments.
 */
async function answering(answer: unknown, { raw = false } = {}): Promise<{ kubectl: Kubectl; args(): Promise<string[]> }> {
  const folder = await mkdtemp(join(tmpdir(), 'kubectl-answer-'));
  await writeFile(join(folder, 'answer.json'), answer === undefined ? '' : raw ? String(answer) : JSON.stringify(answer));
  const binary = join(folder, 'kubectl');
  await writeFile(binary, `#!/bin/sh\nprintf '%s\\n' "$@" > "${folder}/args"\ncat "${folder}/answer.json"\n`);
  await chmod(binary, 0o755);
  return {
    kubectl: new Kubectl({ kubeconfig: join(folder, 'kubeconfig'), namespace: 'shop', binary }),
    args: async () => (await readFile(join(folder, 'args'), 'utf8')).trimEnd().split('\n'),
  };
}

const deployment = (name: string, namespace = 'shop') => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace } });

describe('Kubectl.find of one named object', () => {
  it('asks for exactly that name, after --, and returns the object', async () => {
    const { kubectl, args } = await answering(deployment('web'));
    expect(await kubectl.find('Deployment', 'web')).toEqual(deployment('web'));
    expect(await args()).toEqual([
      '--kubeconfig',
      expect.any(String),
      '--namespace',
      'shop',
      'get',
      'deployment',
      '--ignore-not-found',
      '--output',
      'json',
      '--',
      'web',
    ]);
  });

  it('returns undefined when nothing is there', async () => {
    const { kubectl } = await answering(undefined);
    expect(await kubectl.find('Deployment', 'web')).toBeUndefined();
  });

  it.each([
    ['a List', { apiVersion: 'v1', kind: 'List', items: [deployment('web'), deployment('api')] }, 'answered with List (no name)'],
    ['another name', deployment('api'), 'answered with Deployment api in namespace shop'],
    ['another kind', { kind: 'Service', metadata: { name: 'web', namespace: 'shop' } }, 'answered with Service web in namespace shop'],
    ['another namespace', deployment('web', 'kube-system'), 'answered with Deployment web in namespace kube-system'],
  ])('an answer with %s is an error, never "found"', async (_label, answer, message) => {
    const { kubectl } = await answering(answer);
    await expect(kubectl.find('Deployment', 'web')).rejects.toThrow(`kubectl get deployment web ${message}, not that one Deployment`);
  });

  it.each([
    ['truncated JSON', '{"kind":"Deployment","metadata":{"na', 'characters that are not JSON (truncated?)'],
    ['null', 'null', 'answered with something that is not an object'],
    ['a bare number', '42', 'answered with something that is not an object'],
  ])('an answer that is %s is an explained stop, not a bug', async (_label, answer, message) => {
    const { kubectl } = await answering(answer, { raw: true });
    await expect(kubectl.find('Deployment', 'web')).rejects.toThrow(
      expect.objectContaining({ name: 'ConfigurationError', message: expect.stringContaining(message) }),
    );
  });

  it('json() of a truncated answer is an explained stop, not a bug', async () => {
    const { kubectl } = await answering('{"items": [', { raw: true });
    await expect(kubectl.json(['get', 'deployments'])).rejects.toThrow(
      expect.objectContaining({ name: 'ConfigurationError', message: expect.stringContaining('that are not JSON (truncated?)') }),
    );
  });

  it.each(['--all', '--selector=app!=x', '-n', 'a b', ''])('refuses to look up %j at all', async (name) => {
    const { kubectl, args } = await answering(deployment('web'));
    await expect(kubectl.find('Deployment', name)).rejects.toThrow('expected a Kubernetes Deployment name');
    await expect(args()).rejects.toThrow('ENOENT');
  });

  it('json() keeps --output before the -- that ends the flags', async () => {
    const { kubectl, args } = await answering(deployment('web'));
    await kubectl.json(['get', 'deployment', '--', 'web']);
    expect((await args()).slice(4)).toEqual(['get', 'deployment', '--output', 'json', '--', 'web']);
  });
});
