import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { Cluster } from '../emulator/src/cluster.js';
import type { AccessNeed } from '../../actions/lib/kubernetes/access.js';
import type { PolicyRule } from '../emulator/src/rbac.js';

/**
 * A ServiceAccount with exactly `rules` in `namespace` (a Role and its RoleBinding), or bound in
 * `namespace` to a ClusterRole (`{ clusterRole: 'edit' }`), and a kubeconfig that acts as it: the
 * emulator's server and CA, a token from `kubectl create token`.
 */
export async function limitedKubeconfig(
  cluster: Cluster,
  namespace: string,
  name: string,
  rights: PolicyRule[] | { clusterRole: string },
  file: string,
): Promise<string> {
  const roleRef = Array.isArray(rights) ? { kind: 'Role', name } : { kind: 'ClusterRole', name: rights.clusterRole };
  const manifest = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } },
    ...(Array.isArray(rights) ? [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules: rights }] : []),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  ];
  const applied = await cluster.kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager=rbac-setup', '-f', '-'], {
    input: manifest.map((document) => YAML.stringify(document)).join('---\n'),
  });
  if (applied.code !== 0) throw new Error(`creating ServiceAccount ${name}: ${applied.stderr}`);
  const token = await cluster.kubectl(['create', 'token', name, '-n', namespace, '--duration=2h']);
  if (token.code !== 0) throw new Error(`kubectl create token ${name}: ${token.stderr}`);
  const config = YAML.parse(fs.readFileSync(cluster.kubeconfigPath, 'utf8')) as { users: { user: { token: string } }[] };
  for (const user of config.users) user.user.token = token.stdout.trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, YAML.stringify(config), { mode: 0o600 });
  return file;
}

/** The Role rules that grant exactly `needs` (the access lists of actions/lib/kubernetes/access.ts). */
export function rulesGranting(needs: readonly AccessNeed[]): PolicyRule[] {
  const verbs = new Map<string, Set<string>>();
  for (const access of needs) {
    const key = JSON.stringify([access.group, access.subresource ? `${access.resource}/${access.subresource}` : access.resource]);
    verbs.set(key, (verbs.get(key) ?? new Set()).add(access.verb));
  }
  return [...verbs].map(([key, set]) => {
    const [group, resource] = JSON.parse(key) as [string, string];
    return { apiGroups: [group], resources: [resource], verbs: [...set].sort() };
  });
}

/** A Role with `rules` in `namespace`, bound to the ServiceAccount `serviceAccount` by a RoleBinding of the same name. */
export async function grantRole(cluster: Cluster, namespace: string, name: string, serviceAccount: string, rules: PolicyRule[]): Promise<void> {
  const manifest = [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace }],
    },
  ];
  const applied = await cluster.kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager=rbac-setup', '-f', '-'], {
    input: manifest.map((document) => YAML.stringify(document)).join('---\n'),
  });
  if (applied.code !== 0) throw new Error(`granting Role ${name}: ${applied.stderr}`);
}

const shellQuote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * A PATH whose kubectl deletes the RoleBinding `roleBinding` (as the cluster admin) just before the
 * first call that has every one of `words` among its arguments, then runs that call: a right taken
 * away after a run checked its access and before the call that needs it.
 */
export function revokeBeforeCall(cluster: Cluster, namespace: string, roleBinding: string, words: readonly string[]): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'revoking-kubectl-'));
  const real = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
  const shim = [
    '#!/bin/sh',
    `real=${shellQuote(real)}`,
    `for word in ${words.map(shellQuote).join(' ')}; do`,
    '  found=no',
    '  for argument in "$@"; do [ "$argument" = "$word" ] && found=yes; done',
    '  [ "$found" = yes ] || exec "$real" "$@"',
    'done',
    // mkdir succeeds once: only the first matching call revokes.
    `if mkdir ${shellQuote(path.join(bin, 'revoked'))} 2>/dev/null; then`,
    `  "$real" --kubeconfig ${shellQuote(cluster.kubeconfigPath)} --namespace ${shellQuote(namespace)} delete rolebinding -- ${shellQuote(roleBinding)} >/dev/null`,
    'fi',
    'exec "$real" "$@"',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(bin, 'kubectl'), shim, { mode: 0o755 });
  return `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`;
}
