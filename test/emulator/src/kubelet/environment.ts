import type { ResolvedImage } from '../images.js';
import { TYPES } from '../resources.js';
import type { KubeObject, Store } from '../store.js';
import { NODE_NAME, type ContainerRuntime, type PodRuntime } from './pod-runtime.js';

/**
 * A container's environment: image ENV, the pod's envFrom and env (with `$(VAR)` expansion), the
 * tag's fault env, then the emulator's network: HOST is the pod IP. Throws, with the kubelet's
 * message, when a referenced ConfigMap, Secret or key is missing.
 */
export function containerEnvironment(
  store: Store,
  pod: KubeObject,
  runtime: PodRuntime,
  container: ContainerRuntime,
  image: ResolvedImage,
  clusterId: string,
): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', ...image.env };
  const namespace = runtime.namespace;
  for (const source of container.spec.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    const fromConfigMap = source.configMapRef;
    const fromSecret = source.secretRef;
    const reference = fromConfigMap ?? fromSecret;
    const data = referencedData(store, fromConfigMap ? 'configmaps' : 'secrets', namespace, reference?.name, reference?.optional);
    for (const [key, value] of Object.entries(data)) env[prefix + key] = value;
  }
  for (const variable of container.spec.env ?? []) {
    if (variable.value !== undefined) {
      env[variable.name] = expandVariables(String(variable.value), env);
      continue;
    }
    const from = variable.valueFrom ?? {};
    const reference = from.configMapKeyRef ?? from.secretKeyRef;
    if (reference) {
      const kind = from.configMapKeyRef ? 'configmaps' : 'secrets';
      const data = referencedData(store, kind, namespace, reference.name, reference.optional);
      if (data[reference.key] !== undefined) env[variable.name] = data[reference.key] ?? '';
      else if (!reference.optional)
        throw new Error(`couldn't find key ${reference.key} in ${kind === 'configmaps' ? 'ConfigMap' : 'Secret'} ${namespace}/${reference.name}`);
    } else if (from.fieldRef) {
      env[variable.name] = fieldValue(pod, runtime, String(from.fieldRef.fieldPath));
    } else if (from.resourceFieldRef) {
      env[variable.name] = '0';
    } else {
      env[variable.name] = '';
    }
  }
  Object.assign(env, image.overrides);
  const firstPort = (container.spec.ports ?? [])[0]?.containerPort;
  if (env.PORT === undefined && firstPort !== undefined) env.PORT = String(firstPort);
  env.HOST = runtime.ip;
  env.KUBE_EMULATOR_CLUSTER = clusterId;
  env.KUBE_EMULATOR_POD = `${namespace}/${runtime.name}`;
  env.HOSTNAME = runtime.name;
  return env;
}

/** `$(VAR)` as Kubernetes expands it in env values, commands and args; `$$` is a literal `$`, unknown names stay as written. */
export function expandVariables(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && env[name] !== undefined ? env[name] : match;
  });
}

function referencedData(
  store: Store,
  kind: 'configmaps' | 'secrets',
  namespace: string,
  name: string | undefined,
  optional: boolean | undefined,
): Record<string, string> {
  const object = name ? store.get(kind === 'configmaps' ? TYPES.configmaps : TYPES.secrets, namespace, name) : undefined;
  if (!object) {
    if (optional) return {};
    throw new Error(`${kind === 'configmaps' ? 'configmap' : 'secret'} "${name}" not found`);
  }
  const data = (object.data ?? {}) as Record<string, string>;
  if (kind === 'configmaps') return { ...data };
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
}

function fieldValue(pod: KubeObject, runtime: PodRuntime, fieldPath: string): string {
  const labelMatch = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (labelMatch) return (pod.metadata[labelMatch[1] as 'labels' | 'annotations'] ?? {})[labelMatch[2] ?? ''] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return runtime.name;
    case 'metadata.namespace':
      return runtime.namespace;
    case 'metadata.uid':
      return runtime.uid;
    case 'status.podIP':
      return runtime.ip;
    case 'status.hostIP':
      return '127.0.0.1';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? NODE_NAME;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    default:
      return '';
  }
}
