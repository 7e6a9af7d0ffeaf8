import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { Cluster } from '../emulator/src/cluster.js';
import { describeNeed, type AccessNeed } from '../../actions/lib/kubernetes/access.js';
import { requestAttributes } from '../emulator/src/api/authentication.js';
import { parseResourcePath } from '../emulator/src/api/routes.js';
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

/**
 * The rights the API server's requests were authorised as, read from each request as the server
 * derives its attributes (requestAttributes), as `describeNeed` writes them; a server-side apply that
 * created its object (201) was authorised as create as well. The access reviews themselves, which
 * every user may create, and requests outside the resource API (discovery, version) are left out.
 */
export class RightsRecorder {
  readonly used = new Set<string>();
  /** Requests the API server refused, including those a step tolerates (a log it could not read), but not kubectl's namespace probe. */
  readonly refused: string[] = [];
  /**
   * kubectl's probe of the namespace after a NotFound (cli-runtime pkg/resource/visitor.go, Info.Get:
   * GET /api/v1/namespaces/NS, only to say "namespace not found" instead; any other answer, a 403
   * included, is ignored): a namespaced deployer is refused it whenever a lookup finds nothing.
   */
  readonly namespaceProbes: string[] = [];

  readonly onRequest = (method: string, url: string, status: number): void => {
    const parsed = new URL(url, 'https://emulator');
    const route = parseResourcePath(parsed.pathname.replace(/\/+$/, ''));
    const attributes = requestAttributes(method, parsed.pathname, parsed, route);
    if (status === 403) {
      const probe = method === 'GET' && attributes.kind === 'resource' && attributes.resource === 'namespaces' && attributes.name !== '';
      (probe ? this.namespaceProbes : this.refused).push(`${method} ${url}`);
    }
    if (attributes.kind !== 'resource' || attributes.resource === 'selfsubjectaccessreviews' || status === 403) return;
    const right = (verb: string) =>
      describeNeed({
        verb,
        group: attributes.group,
        resource: attributes.resource,
        ...(attributes.subresource ? { subresource: attributes.subresource } : {}),
        why: '',
      });
    this.used.add(right(attributes.verb));
    if (method === 'PATCH' && status === 201) this.used.add(right('create'));
  };

  reset(): void {
    this.used.clear();
    this.refused.length = 0;
    this.namespaceProbes.length = 0;
  }

  /** The listed rights no request of the run was authorised as. */
  unused(needs: readonly AccessNeed[]): string[] {
    return needs.map(describeNeed).filter((right) => !this.used.has(right));
  }
}

/** Rights a good run uses only when an object is new (create on apply), a wait is not over at once (watch), or something fails (a pod's events and log, marking a failed revision). */
export function usedOnlySometimes(right: string): boolean {
  return /^(create|watch) /.test(right) || ['list events', 'get pods/log', 'get replicasets.apps', 'patch replicasets.apps'].includes(right);
}
