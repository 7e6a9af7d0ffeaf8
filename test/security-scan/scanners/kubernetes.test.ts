import { describe, expect, it } from 'vitest';
import { KUBERNETES_RULES, scanKubernetesFile } from '../../../actions/security-scan/src/scanners/kubernetes.js';
import { aliasBomb, dedent, expectEveryRuleCovered, type Hit, type Miss, only } from './tables.js';

const kubernetesHits: Hit[] = [
  {
    rule: 'k8s/privileged-container',
    severity: 'critical',
    name: 'a privileged Deployment inside kind: List',
    line: 13,
    text: dedent`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: { name: web, namespace: shop }
          spec:
            template:
              spec:
                containers:
                  - name: web
                    image: web:1.0
                    securityContext: { privileged: true }
    `,
  },
  {
    rule: 'k8s/privileged-container',
    severity: 'critical',
    name: 'a privileged Pod inside a PodList, written as JSON',
    line: 5,
    text: [
      '{"apiVersion": "v1", "kind": "PodList", "items": [',
      '  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "shop"},',
      '   "spec": {"containers": [',
      '     {"name": "web", "image": "web:1.0",',
      '      "securityContext": {"privileged": true}}]}}]}',
      '',
    ].join('\n'),
  },
  {
    rule: 'k8s/privileged-container',
    severity: 'critical',
    name: 'privileged: false, then true again under the same key (the last one wins, as in kubectl)',
    line: 8,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            image: web:1.0
            securityContext: { privileged: false, privileged: true }
    `,
  },
  {
    rule: 'k8s/unreadable-manifest',
    severity: 'high',
    name: 'a YAML alias bomb (billion laughs)',
    line: 1,
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: laughs }\ndata:\n  ${aliasBomb().trimEnd().split('\n').join('\n  ')}\n`,
  },
  {
    rule: 'k8s/privileged-container',
    severity: 'critical',
    name: 'privileged: true',
    line: 8,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: agent, namespace: ops }
      spec:
        containers:
          - name: agent
            securityContext:
              privileged: true
    `,
  },
  {
    rule: 'k8s/privileged-container',
    severity: 'critical',
    name: 'privileged in a CronJob',
    line: 14,
    text: dedent`
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: cleanup, namespace: ops }
      spec:
        schedule: "0 3 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                containers:
                  - name: cleanup
                    image: busybox:1.36
                    securityContext:
                      privileged: true
    `,
  },
  {
    rule: 'k8s/runs-as-root',
    severity: 'high',
    name: 'container runAsUser: 0',
    line: 8,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            securityContext:
              runAsUser: 0
    `,
  },
  {
    rule: 'k8s/runs-as-root',
    severity: 'high',
    name: 'pod runAsUser: 0 inherited by the container',
    line: 6,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        securityContext:
          runAsUser: 0
        containers:
          - name: web
    `,
  },
  {
    rule: 'k8s/missing-run-as-non-root',
    severity: 'medium',
    name: 'runAsNonRoot set nowhere',
    line: 6,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            image: nginx:1.27.3
    `,
  },
  {
    rule: 'k8s/missing-run-as-non-root',
    severity: 'medium',
    name: 'the container overrides the pod with runAsNonRoot: false',
    line: 8,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        securityContext:
          runAsNonRoot: true
        containers:
          - name: web
            securityContext:
              runAsNonRoot: false
    `,
  },
  {
    rule: 'k8s/allow-privilege-escalation',
    severity: 'medium',
    name: 'allowPrivilegeEscalation: true',
    line: 8,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            securityContext:
              allowPrivilegeEscalation: true
    `,
  },
  {
    rule: 'k8s/allow-privilege-escalation',
    severity: 'medium',
    name: 'allowPrivilegeEscalation not set (reported on the container)',
    line: 6,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            image: nginx:1.27.3
    `,
  },
  {
    rule: 'k8s/added-capabilities',
    severity: 'high',
    name: 'capabilities.add',
    line: 10,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            securityContext:
              capabilities:
                drop: [ALL]
                add: [NET_ADMIN]
    `,
  },
  {
    rule: 'k8s/capabilities-not-dropped',
    severity: 'low',
    name: 'drop without ALL',
    line: 6,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            securityContext:
              capabilities:
                drop: [NET_RAW]
    `,
  },
  {
    rule: 'k8s/host-path',
    severity: 'high',
    name: 'a hostPath volume',
    line: 9,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: agent, namespace: ops }
      spec:
        containers:
          - name: agent
        volumes:
          - name: docker-socket
            hostPath:
              path: /var/run/docker.sock
    `,
  },
  {
    rule: 'k8s/host-network',
    severity: 'high',
    name: 'hostNetwork: true',
    line: 5,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: agent, namespace: ops }
      spec:
        hostNetwork: true
        containers:
          - name: agent
    `,
  },
  {
    rule: 'k8s/host-pid',
    severity: 'high',
    name: 'hostPID: true in a DaemonSet',
    line: 9,
    text: dedent`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: agent, namespace: ops }
      spec:
        selector: { matchLabels: { app: agent } }
        template:
          metadata: { labels: { app: agent } }
          spec:
            hostPID: true
            containers:
              - name: agent
    `,
  },
  {
    rule: 'k8s/host-ipc',
    severity: 'high',
    name: 'hostIPC: true',
    line: 5,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: agent, namespace: ops }
      spec:
        hostIPC: true
        containers:
          - name: agent
    `,
  },
  {
    rule: 'k8s/writable-root-filesystem',
    severity: 'medium',
    name: 'readOnlyRootFilesystem: false',
    line: 6,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            securityContext:
              readOnlyRootFilesystem: false
    `,
  },
  {
    rule: 'k8s/missing-resources',
    severity: 'low',
    name: 'requests without a memory limit',
    line: 6,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            resources:
              requests: { cpu: 100m, memory: 64Mi }
    `,
  },
  {
    rule: 'k8s/missing-probes',
    severity: 'low',
    name: 'a readinessProbe without a livenessProbe',
    line: 13,
    text: dedent`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: shop }
      spec:
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - name: sidecar
                readinessProbe: { tcpSocket: { port: 9901 } }
                livenessProbe: { tcpSocket: { port: 9901 } }
              - name: web
                readinessProbe: { httpGet: { path: /ready, port: 8080 } }
    `,
  },
  {
    rule: 'k8s/latest-image',
    severity: 'medium',
    name: 'image :latest',
    line: 7,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            image: nginx:latest
    `,
  },
  {
    rule: 'k8s/latest-image',
    severity: 'medium',
    name: 'an untagged image on a registry with a port',
    line: 7,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            image: registry.local:5000/shop/web
    `,
  },
  {
    rule: 'k8s/secret-in-env',
    severity: 'high',
    name: 'a password as a plain env value',
    line: 11,
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            env:
              - name: LOG_LEVEL
                value: info
              - name: DB_PASSWORD
                value: hunter2
    `,
  },
  {
    rule: 'k8s/default-namespace',
    severity: 'low',
    name: 'metadata.namespace: default',
    line: 5,
    text: dedent`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        namespace: default
      data:
        LOG_LEVEL: info
    `,
  },
];

const kubernetesMisses: Miss[] = [
  {
    rule: 'k8s/unreadable-manifest',
    name: 'an anchor used a few times',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop, labels: &labels { app: web } }
      spec:
        containers:
          - name: web
            image: web:1.0
            env: [{ name: A, value: *labels }, { name: B, value: *labels }]
    `,
  },
  {
    rule: 'k8s/privileged-container',
    name: 'privileged: false',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: agent, namespace: ops }
      spec:
        containers:
          - name: agent
            securityContext:
              privileged: false
    `,
  },
  {
    rule: 'k8s/runs-as-root',
    name: 'a container that sets a non-zero runAsUser over the pod root user',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        securityContext:
          runAsUser: 0
        containers:
          - name: web
            securityContext:
              runAsUser: 10001
    `,
  },
  {
    rule: 'k8s/missing-run-as-non-root',
    name: 'runAsNonRoot: true on the pod',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        securityContext:
          runAsNonRoot: true
        containers:
          - name: web
    `,
  },
  {
    rule: 'k8s/allow-privilege-escalation',
    name: 'allowPrivilegeEscalation: false',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            securityContext:
              allowPrivilegeEscalation: false
    `,
  },
  {
    rule: 'k8s/added-capabilities',
    name: 'an empty add list',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            securityContext:
              capabilities:
                drop: [ALL]
                add: []
    `,
  },
  {
    rule: 'k8s/capabilities-not-dropped',
    name: 'drop: [ALL]',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            securityContext:
              capabilities:
                drop: [ALL]
    `,
  },
  {
    rule: 'k8s/host-path',
    name: 'an emptyDir volume',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: agent, namespace: ops }
      spec:
        containers:
          - name: agent
        volumes:
          - name: scratch
            emptyDir: {}
    `,
  },
  {
    rule: 'k8s/host-network',
    name: 'hostNetwork: false',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: agent, namespace: ops }
      spec:
        hostNetwork: false
        containers:
          - name: agent
    `,
  },
  {
    rule: 'k8s/host-pid',
    name: 'hostPID: false',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: agent, namespace: ops }
      spec:
        hostPID: false
        containers:
          - name: agent
    `,
  },
  {
    rule: 'k8s/host-ipc',
    name: 'hostIPC: false',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: agent, namespace: ops }
      spec:
        hostIPC: false
        containers:
          - name: agent
    `,
  },
  {
    rule: 'k8s/host-network',
    name: 'a Service, which has no pod spec',
    text: dedent`
      apiVersion: v1
      kind: Service
      metadata: { name: web, namespace: shop }
      spec:
        selector: { app: web }
        ports: [{ port: 80, targetPort: 8080 }]
    `,
  },
  {
    rule: 'k8s/writable-root-filesystem',
    name: 'readOnlyRootFilesystem: true',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            securityContext:
              readOnlyRootFilesystem: true
    `,
  },
  {
    rule: 'k8s/missing-resources',
    name: 'cpu and memory requests and a memory limit',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            resources:
              requests: { cpu: 100m, memory: 64Mi }
              limits: { memory: 128Mi }
    `,
  },
  {
    rule: 'k8s/missing-resources',
    name: 'an init container without resources',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        initContainers:
          - name: migrate
        containers:
          - name: web
            resources:
              requests: { cpu: 100m, memory: 64Mi }
              limits: { memory: 128Mi }
    `,
  },
  {
    rule: 'k8s/missing-probes',
    name: 'both probes',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            readinessProbe: { httpGet: { path: /ready, port: 8080 } }
            livenessProbe: { httpGet: { path: /live, port: 8080 } }
    `,
  },
  {
    rule: 'k8s/missing-probes',
    name: 'a Job, which runs to completion',
    text: dedent`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: migrate, namespace: shop }
      spec:
        template:
          spec:
            restartPolicy: Never
            containers:
              - name: migrate
    `,
  },
  {
    rule: 'k8s/latest-image',
    name: 'a version tag on a registry with a port',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            image: registry.local:5000/shop/web:2.1.0
    `,
  },
  {
    rule: 'k8s/latest-image',
    name: 'a digest',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            image: nginx@sha256:${'0c1e5b7d'.repeat(8)}
    `,
  },
  {
    rule: 'k8s/secret-in-env',
    name: 'a password from secretKeyRef',
    text: dedent`
      apiVersion: v1
      kind: Pod
      metadata: { name: web, namespace: shop }
      spec:
        containers:
          - name: web
            env:
              - name: DB_PASSWORD
                valueFrom:
                  secretKeyRef: { name: db, key: password }
    `,
  },
  {
    rule: 'k8s/default-namespace',
    name: 'an application namespace',
    text: dedent`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        namespace: shop
      data:
        LOG_LEVEL: info
    `,
  },
];

describe('kubernetes: scanKubernetesFile', () => {
  it('has a hit and a near-miss for every rule', () => {
    expectEveryRuleCovered(Object.keys(KUBERNETES_RULES), kubernetesHits, kubernetesMisses);
  });

  it.each(kubernetesHits)('$rule ($severity): $name, line $line', ({ rule, severity, text, line }) => {
    const findings = only(scanKubernetesFile('k8s/app.yaml', text).findings, rule);
    expect(findings.map(({ ruleId, severity, line: at, file }) => ({ ruleId, severity, line: at, file }))).toEqual([
      { ruleId: rule, severity, line, file: 'k8s/app.yaml' },
    ]);
  });

  it.each(kubernetesMisses)('$rule is not reported for $name', ({ rule, text }) => {
    expect(only(scanKubernetesFile('k8s/app.yaml', text).findings, rule)).toEqual([]);
  });

  it('a hardened Deployment has no finding at all', () => {
    const text = dedent`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: shop }
      spec:
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec:
            securityContext: { runAsNonRoot: true, runAsUser: 10001 }
            containers:
              - name: web
                image: ghcr.io/acme/web:1.4.2
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  capabilities: { drop: [ALL] }
                resources:
                  requests: { cpu: 100m, memory: 64Mi }
                  limits: { memory: 128Mi }
                readinessProbe: { httpGet: { path: /ready, port: 8080 } }
                livenessProbe: { httpGet: { path: /live, port: 8080 } }
    `;
    expect(scanKubernetesFile('k8s/app.yaml', text).findings).toEqual([]);
  });
});
