import fs from 'node:fs';
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
