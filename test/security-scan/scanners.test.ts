import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../actions/security-scan/src/findings.js';
import { DOCKERFILE_RULES, scanDockerfile } from '../../actions/security-scan/src/scanners/dockerfile.js';
import { KUBERNETES_RULES, scanKubernetesFile } from '../../actions/security-scan/src/scanners/kubernetes.js';
import { BUILT_IN_SECRET_RULES, compileSecretRules, scanForSecrets } from '../../actions/security-scan/src/scanners/secrets.js';
import { scanWorkflow, WORKFLOW_RULES } from '../../actions/security-scan/src/scanners/workflows.js';

// Unit tables: each scanner's pure function on small inline inputs. For every rule, at least one
// input that triggers it (rule id, severity, line) and one near-miss that must not.

/** Template text without its first newline and common indentation: line 1 is the first line. */
function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indent = Math.min(...text.split('\n').filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return text
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n');
}

/** A "billion laughs" document: nine levels of nine aliases, 387 million strings once expanded. */
function aliasBomb(): string {
  const levels = ['a: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level < 9; level++) levels.push(`l${level}: &l${level} [${Array(9).fill(`*l${level - 1}`).join(', ')}]`);
  return `${levels.join('\n')}\n`;
}

interface Hit {
  rule: string;
  /** As documented in actions/security-scan/README.md, not read from the scanner's own table. */
  severity: Severity;
  name: string;
  text: string;
  line: number;
}
interface Miss {
  rule: string;
  name: string;
  text: string;
}

const only = (findings: Finding[], rule: string) => findings.filter((finding) => finding.ruleId === rule);

/** Every rule of a scanner has at least one hit and one near-miss in its tables. */
function expectEveryRuleCovered(ruleIds: string[], hits: Hit[], misses: Miss[]): void {
  expect([...new Set(hits.map((hit) => hit.rule))].sort(), 'rules with a triggering input').toEqual([...ruleIds].sort());
  expect([...new Set(misses.map((miss) => miss.rule))].sort(), 'rules with a near-miss').toEqual([...ruleIds].sort());
}

// ---------------------------------------------------------------------------------------------
// secrets

/**
 * The secrets are planted at run time: the `·` splits each one so that this file holds no
 * secret the repository's own scan (self-scan.test.ts) would report.
 */
const plant = (text: string) => text.replaceAll('·', '');
const secretRules = compileSecretRules();
const ruleOf = (id: string) => secretRules.find((rule) => rule.id === id);

const secretHits: Hit[] = [
  { rule: 'secrets/aws-access-key-id', severity: 'critical', name: 'an access key id in a credentials file', line: 2, text: '[default]\naws_access_key_id = AKIA·4QZ7N2XK8M3PR6TB\n' },
  { rule: 'secrets/aws-access-key-id', severity: 'critical', name: 'a temporary (ASIA) key id in code', line: 3, text: '// sts\n\nconst id = "ASIA·J3V8Q2M6X4T9K1RZ";\n' },
  {
    rule: 'secrets/aws-secret-access-key', severity: 'critical',
    name: 'a secret access key in a credentials file',
    line: 3,
    text: '[default]\naws_access_key_id = $KEY_ID\naws_secret_access_key = Jx7+Qm2vR9tLw4Zp8Kc1Nf6H·b3Yd5Gs0Ae/Uo2Vi\n',
  },
  { rule: 'secrets/aws-secret-access-key', severity: 'critical', name: 'an env file entry', line: 1, text: 'AWS_SECRET_ACCESS_KEY="Jx7+Qm2vR9tLw4Zp8Kc1Nf6H·b3Yd5Gs0Ae/Uo2Vi"\n' },
  { rule: 'secrets/gcp-api-key', severity: 'high', name: 'a Maps key in config', line: 2, text: 'maps:\n  key: AIza·SyD4kQ8vX2mN7pR3tL9wZ6cB1hF5jG0eYs_\n' },
  { rule: 'secrets/github-token', severity: 'critical', name: 'a classic personal access token', line: 2, text: '# ci\nGITHUB_TOKEN=ghp_·8fK2mQ7xR4vN9tL3wZ6cB1hJ5pG0eYsA2dUk\n' },
  { rule: 'secrets/github-token', severity: 'critical', name: 'a fine-grained token', line: 1, text: `token: github_pat_·11ABCDEFG0${'aB3dE5gH7j'.repeat(7)}X9\n` },
  {
    rule: 'secrets/private-key', severity: 'critical',
    name: 'a PEM private key (reported on its BEGIN line)',
    line: 2,
    text: `deploy_key: |\n  -----BEGIN RSA PRI·VATE KEY-----\n  MIIEowIBAAKCAQEAq7Vx2Lm9Rt4Kp8Zw1Nc6Hb3Yd5Gs0Ae+Uo2ViJx7Qm2vR9tLw4Z\n  p8Kc1Nf6Hb3Yd5Gs0Ae/Uo2ViJx7Qm2vR9tLw4Zp8Kc1Nf6Hb3Yd5Gs0Ae+Uo2ViJx7Q\n  -----END RSA PRIVATE KEY-----\n`,
  },
  { rule: 'secrets/slack-token', severity: 'high', name: 'a bot token', line: 1, text: 'SLACK_BOT=xoxb·-511964134116-3397359296037-2u6Qe1NBPBTrbEpvpDbnIIAp\n' },
  {
    rule: 'secrets/slack-webhook', severity: 'high',
    name: 'an incoming webhook URL',
    line: 2,
    text: 'notify:\n  url: https://hooks.slack.com/services/T4F8K2J9Q/B07H3M5N1/x8Kq2vR9tL·w4Zp8Kc1Nf6Hb3\n',
  },
  { rule: 'secrets/stripe-key', severity: 'critical', name: 'a live secret key', line: 1, text: 'STRIPE_KEY=sk_live_·4eC39HqLyjWDarjtT1zdp7dcXq2\n' },
  { rule: 'secrets/stripe-key', severity: 'critical', name: 'a restricted test key', line: 2, text: '\nconst stripe = new Stripe("rk_test_·51H8kQ2vR9tLw4Zp8Kc1Nf6Hb3");\n' },
  {
    rule: 'secrets/database-url-password', severity: 'high',
    name: 'a PostgreSQL URL with a password',
    line: 2,
    text: 'env:\n  DATABASE_URL: post·gres://inventory:Vq8zL2mR7xK4p@db.internal:5432/inventory\n',
  },
  { rule: 'secrets/database-url-password', severity: 'high', name: 'a MongoDB SRV URL with a password', line: 1, text: "const url = 'mongo·db+srv://app:t9Hq2xLm7Vk@cluster0.example.net/app';\n" },
  {
    rule: 'secrets/jwt', severity: 'medium',
    name: 'a JSON Web Token',
    line: 3,
    text: `# session\n\nAuthorization: Bearer eyJ·hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ·zdWIiOiJ1c2VyLTQyIn0.WMYJc-fwFp64OJxA_6EgQaISMKsvrBsD37GL4JayTZw\n`,
  },
  { rule: 'secrets/generic-high-entropy', severity: 'medium', name: 'a quoted client secret in YAML', line: 2, text: 'oauth:\n  client_secret: "q7Vx2Lm9Rt4·Kp8Zw1Nc6Hb3Yd"\n' },
  { rule: 'secrets/generic-high-entropy', severity: 'medium', name: 'an api key assigned in code', line: 1, text: "const apiKey = 'Zp8Kc1Nf6H·b3Yd5Gs0AeUo2Vi';\n" },
];

const secretMisses: Miss[] = [
  { rule: 'secrets/aws-access-key-id', name: 'an environment variable reference', text: 'aws_access_key_id = ${AWS_ACCESS_KEY_ID}\n' },
  { rule: 'secrets/aws-access-key-id', name: "AWS's documented example key id", text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' },
  { rule: 'secrets/aws-access-key-id', name: 'a key id one character short', text: 'id = AKIA·4QZ7N2XK8M3PR6T\n' },
  { rule: 'secrets/aws-secret-access-key', name: 'an environment variable reference', text: 'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n' },
  { rule: 'secrets/aws-secret-access-key', name: "AWS's documented example secret key", text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' },
  { rule: 'secrets/gcp-api-key', name: 'a placeholder', text: 'maps:\n  key: AIzaSy_YOUR_API_KEY\n' },
  { rule: 'secrets/gcp-api-key', name: 'a key one character short', text: 'key: AIza·SyD4kQ8vX2mN7pR3tL9wZ6cB1hF5jG0eYs\n' },
  { rule: 'secrets/github-token', name: 'the workflow token expression', text: 'env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n' },
  { rule: 'secrets/github-token', name: 'a placeholder', text: 'GITHUB_TOKEN=ghp_<your-token-here>\n' },
  { rule: 'secrets/private-key', name: 'a public key', text: `-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq7Vx2Lm9Rt4Kp8Zw1Nc6Hb3Yd5Gs0Ae\n-----END PUBLIC KEY-----\n` },
  { rule: 'secrets/private-key', name: 'a template without the key', text: 'Put the deploy key here:\n-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n' },
  { rule: 'secrets/slack-token', name: 'a placeholder', text: 'SLACK_BOT=xoxb-your-bot-token\n' },
  { rule: 'secrets/slack-webhook', name: 'an environment variable reference', text: 'url: https://hooks.slack.com/services/${SLACK_WEBHOOK_PATH}\n' },
  { rule: 'secrets/slack-webhook', name: "Slack's documented placeholder", text: 'url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n' },
  { rule: 'secrets/stripe-key', name: 'a publishable key (public by design)', text: 'STRIPE_PUBLISHABLE=pk_live_·4eC39HqLyjWDarjtT1zdp7dcXq2\n' },
  { rule: 'secrets/database-url-password', name: 'a password from an environment variable', text: 'DATABASE_URL=postgres://inventory:${DB_PASSWORD}@db.internal:5432/inventory\n' },
  { rule: 'secrets/database-url-password', name: 'a placeholder password', text: 'DATABASE_URL=postgres://user:password@localhost:5432/app\n' },
  { rule: 'secrets/database-url-password', name: 'a URL without a password', text: 'DATABASE_URL=postgres://inventory@db.internal:5432/inventory\n' },
  { rule: 'secrets/jwt', name: 'a JOSE header alone', text: 'header = eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\n' },
  { rule: 'secrets/generic-high-entropy', name: 'a low-entropy placeholder', text: 'oauth:\n  client_secret: "changeme-changeme-changeme"\n' },
  { rule: 'secrets/generic-high-entropy', name: 'an environment variable reference', text: 'const apiKey = process.env.API_KEY;\n' },
  { rule: 'secrets/generic-high-entropy', name: 'a name, not a secret, of a secret-looking key', text: 'const tokenHeader = "x-session-token-header-name";\n' },
];

describe('secrets: scanForSecrets with the built-in rules', () => {
  it('has a hit and a near-miss for every built-in rule', () => {
    expectEveryRuleCovered(
      BUILT_IN_SECRET_RULES.map((rule) => rule.id),
      secretHits,
      secretMisses,
    );
  });

  it.each(secretHits)('$rule ($severity): $name, line $line', ({ rule, severity, text, line }) => {
    const planted = plant(text);
    const findings = only(scanForSecrets('config/app.env', planted, secretRules), rule);
    expect(findings.map(({ ruleId, severity, line: at, file }) => ({ ruleId, severity, line: at, file }))).toEqual([
      { ruleId: rule, severity, line, file: 'config/app.env' },
    ]);
    // The finding carries a redacted match, never the secret.
    const [match] = planted.matchAll(new RegExp(ruleOf(rule)?.pattern ?? /$^/));
    const secret = match?.[1] ?? match?.[0] ?? '';
    expect(secret.length).toBeGreaterThan(8);
    const written = JSON.stringify(findings);
    expect(written).not.toContain(secret);
    // Nor any run of it past the 4 leading characters redaction may keep, even with its whitespace collapsed.
    expect(written).not.toContain(secret.slice(4).replace(/\s+/g, ' ').trim().slice(0, 12));
    expect(findings[0]?.match).toContain('****');
  });

  it.each(secretMisses)('$rule is not reported for $name', ({ rule, text }) => {
    expect(only(scanForSecrets('config/app.env', plant(text), secretRules), rule)).toEqual([]);
  });
});

describe('secrets: what a finding shows of a user rule\'s match', () => {
  const secret = plant('Zq8·vN3xK7pL2mR9tW4yB6cD');
  const userRule = (regex: string) => compileSecretRules([{ id: 'user/rule', title: 'User rule', severity: 'high', regex, keywords: [] }]).filter((rule) => rule.id === 'user/rule');
  it.each([
    ['a group that matches empty text', 'password=(x?)[A-Za-z0-9]{20,}'],
    ['no group', 'password=[A-Za-z0-9]{20,}'],
    ['a group inside a lookahead, reaching past the match', 'password=(?=([A-Za-z0-9]{20,}))[A-Za-z0-9]{6}'],
    ['an optional group that did not take part', 'password=(?:(x)|[A-Za-z0-9]{20,})'],
  ])('%s: the whole match is redacted', (_name, regex) => {
    const findings = scanForSecrets('config/app.env', `password=${secret}\n`, userRule(regex));
    expect(findings).toHaveLength(1);
    const shown = `${findings[0]?.message} ${findings[0]?.match}`;
    expect(shown.replaceAll('****', '')).not.toContain(secret.slice(4, 10));
    expect(findings[0]?.match).toMatch(/^(pass)?\*\*\*\*$/);
  });
});

// ---------------------------------------------------------------------------------------------
// kubernetes

const kubernetesHits: Hit[] = [
  {
    rule: 'k8s/privileged-container', severity: 'critical',
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
    rule: 'k8s/privileged-container', severity: 'critical',
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
    rule: 'k8s/privileged-container', severity: 'critical',
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
    rule: 'k8s/unreadable-manifest', severity: 'high',
    name: 'a YAML alias bomb (billion laughs)',
    line: 1,
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: laughs }\ndata:\n  ${aliasBomb().trimEnd().split('\n').join('\n  ')}\n`,
  },
  {
    rule: 'k8s/privileged-container', severity: 'critical',
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
    rule: 'k8s/privileged-container', severity: 'critical',
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
    rule: 'k8s/runs-as-root', severity: 'high',
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
    rule: 'k8s/runs-as-root', severity: 'high',
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
    rule: 'k8s/missing-run-as-non-root', severity: 'medium',
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
    rule: 'k8s/missing-run-as-non-root', severity: 'medium',
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
    rule: 'k8s/allow-privilege-escalation', severity: 'medium',
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
    rule: 'k8s/allow-privilege-escalation', severity: 'medium',
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
    rule: 'k8s/added-capabilities', severity: 'high',
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
    rule: 'k8s/capabilities-not-dropped', severity: 'low',
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
    rule: 'k8s/host-path', severity: 'high',
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
    rule: 'k8s/host-network', severity: 'high',
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
    rule: 'k8s/host-pid', severity: 'high',
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
    rule: 'k8s/host-ipc', severity: 'high',
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
    rule: 'k8s/writable-root-filesystem', severity: 'medium',
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
    rule: 'k8s/missing-resources', severity: 'low',
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
    rule: 'k8s/missing-probes', severity: 'low',
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
    rule: 'k8s/latest-image', severity: 'medium',
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
    rule: 'k8s/latest-image', severity: 'medium',
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
    rule: 'k8s/secret-in-env', severity: 'high',
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
    rule: 'k8s/default-namespace', severity: 'low',
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

// ---------------------------------------------------------------------------------------------
// dockerfile

const DIGEST = `sha256:${'3f9a0c1e'.repeat(8)}`;

const dockerfileHits: Hit[] = [
  {
    rule: 'docker/root-user', severity: 'high',
    name: 'no USER in the final stage (reported on its FROM)',
    line: 4,
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      USER node
      RUN npm ci
      FROM gcr.io/distroless/nodejs22@${DIGEST}
      COPY --from=build /app /app
      HEALTHCHECK CMD ["/nodejs/bin/node", "/app/health.js"]
    `,
  },
  {
    rule: 'docker/root-user', severity: 'high',
    name: 'USER root last',
    line: 3,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      USER node
      USER root:root
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/unpinned-base-image', severity: 'medium',
    name: 'a tag without a digest',
    line: 2,
    text: dedent`
      # syntax=docker/dockerfile:1
      FROM node:22-slim
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/unpinned-base-image', severity: 'medium',
    name: 'a tag from a global ARG',
    line: 2,
    text: dedent`
      ARG BASE=node:22-slim
      FROM --platform=$BUILDPLATFORM \${BASE}
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/add-url', severity: 'medium',
    name: 'ADD of a URL',
    line: 2,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ADD https://example.com/tool.tar.gz /opt/
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/secret-in-env', severity: 'high',
    name: 'ENV with a token',
    line: 2,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ENV NODE_ENV=production API_TOKEN=abc123
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/secret-in-env', severity: 'high',
    name: 'a build ARG for a token',
    line: 2,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ARG NPM_TOKEN
      RUN npm ci
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/secret-in-env', severity: 'high',
    name: 'the legacy ENV form',
    line: 2,
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ENV DB_PASSWORD hunter2
      USER node
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/apt-get-no-cleanup', severity: 'low',
    name: 'apt-get install over continuation lines',
    line: 2,
    text: dedent`
      FROM debian:12-slim@${DIGEST}
      RUN apt-get update \\
        && apt-get install -y --no-install-recommends curl
      USER 10001
      HEALTHCHECK NONE
    `,
  },
  {
    rule: 'docker/missing-healthcheck', severity: 'low',
    name: 'a HEALTHCHECK only in the build stage (reported on the final FROM)',
    line: 4,
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      HEALTHCHECK NONE
      RUN npm ci
      FROM node:22-slim@${DIGEST}
      USER node
    `,
  },
];

const dockerfileMisses: Miss[] = [
  {
    rule: 'docker/root-user',
    name: 'a numeric non-root USER after the root steps',
    text: dedent`
      FROM debian:12-slim@${DIGEST}
      USER root
      RUN useradd -u 10001 app
      USER 10001:10001
    `,
  },
  {
    rule: 'docker/root-user',
    name: 'root only in a build stage',
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      USER root
      FROM node:22-slim@${DIGEST}
      USER node
    `,
  },
  {
    rule: 'docker/unpinned-base-image',
    name: 'a digest, scratch and a stage name',
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      FROM build AS test
      FROM scratch
    `,
  },
  {
    rule: 'docker/unpinned-base-image',
    name: 'a digest from a global ARG',
    text: dedent`
      ARG BASE=node:22-slim@${DIGEST}
      FROM \${BASE}
    `,
  },
  {
    rule: 'docker/add-url',
    name: 'ADD --checksum of a URL',
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ADD --checksum=${DIGEST} https://example.com/tool.tar.gz /opt/
    `,
  },
  {
    rule: 'docker/add-url',
    name: 'ADD of a local folder',
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ADD ./vendor /opt/vendor
    `,
  },
  {
    rule: 'docker/secret-in-env',
    name: 'a build secret mount',
    text: dedent`
      FROM node:22-slim@${DIGEST}
      ENV NODE_ENV=production LOG_LEVEL=info
      RUN --mount=type=secret,id=npm_token NPM_CONFIG_TOKEN_FILE=/run/secrets/npm_token npm ci
    `,
  },
  {
    rule: 'docker/apt-get-no-cleanup',
    name: 'apt-get install with the lists removed in the same RUN',
    text: dedent`
      FROM debian:12-slim@${DIGEST}
      RUN apt-get update \\
        && apt-get install -y --no-install-recommends curl \\
        && rm -rf /var/lib/apt/lists/*
    `,
  },
  {
    rule: 'docker/missing-healthcheck',
    name: 'HEALTHCHECK CMD in the final stage',
    text: dedent`
      FROM node:22-slim@${DIGEST} AS build
      FROM node:22-slim@${DIGEST}
      HEALTHCHECK --interval=30s CMD node /app/health.js
    `,
  },
];

describe('dockerfile: scanDockerfile', () => {
  it('has a hit and a near-miss for every rule', () => {
    expectEveryRuleCovered(Object.keys(DOCKERFILE_RULES), dockerfileHits, dockerfileMisses);
  });

  it.each(dockerfileHits)('$rule ($severity): $name, line $line', ({ rule, severity, text, line }) => {
    const findings = only(scanDockerfile('Dockerfile', text), rule);
    expect(findings.map(({ ruleId, severity, line: at, file }) => ({ ruleId, severity, line: at, file }))).toEqual([
      { ruleId: rule, severity, line, file: 'Dockerfile' },
    ]);
  });

  it.each(dockerfileMisses)('$rule is not reported for $name', ({ rule, text }) => {
    expect(only(scanDockerfile('Dockerfile', text), rule)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// workflows

const SHA = '8aad20d150bbac5944a9f9d289da16a4b0d87c1e';

const workflowHits: Hit[] = [
  {
    rule: 'gha/unreadable-workflow', severity: 'high',
    name: 'a YAML alias bomb (billion laughs)',
    line: 1,
    text: `on: push\npermissions: {}\nenv:\n  ${aliasBomb().trimEnd().split('\n').join('\n  ')}\njobs: {}\n`,
  },
  {
    rule: 'gha/script-injection', severity: 'high',
    name: 'an issue title in a one-line run',
    line: 9,
    text: dedent`
      on: issues
      permissions:
        contents: read
      jobs:
        triage:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - run: echo "New issue \${{ github.event.issue.title }}"
    `,
  },
  {
    rule: 'gha/script-injection', severity: 'high',
    name: 'a head ref on the third line of a run block',
    line: 11,
    text: dedent`
      on: pull_request
      permissions:
        contents: read
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - name: Show the branch
              run: |
                echo "PR #\${{ github.event.pull_request.number }}"
                git fetch origin \${{ github.head_ref }}
    `,
  },
  {
    rule: 'gha/script-injection', severity: 'high',
    name: 'a comment body in a github-script script',
    line: 11,
    text: dedent`
      on: issue_comment
      permissions:
        contents: read
      jobs:
        reply:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/github-script@v7
              with:
                script: |
                  const body = "\${{ github.event.comment.body }}";
    `,
  },
  {
    rule: 'gha/unpinned-action', severity: 'medium',
    name: 'a third-party action on a tag',
    line: 8,
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - uses: docker/setup-buildx-action@v3
    `,
  },
  {
    rule: 'gha/unpinned-action', severity: 'medium',
    name: 'a container step without a digest',
    line: 8,
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        lint:
          runs-on: ubuntu-latest
          steps:
            - uses: docker://alpine:3.20
    `,
  },
  {
    rule: 'gha/unpinned-action', severity: 'medium',
    name: 'a third-party reusable workflow on a branch',
    line: 6,
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        deploy:
          uses: acme/inventory-devops/.github/workflows/deploy.yml@main
    `,
  },
  {
    rule: 'gha/write-all-permissions', severity: 'high',
    name: 'top-level write-all',
    line: 2,
    text: dedent`
      on: push
      permissions: write-all
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: make
    `,
  },
  {
    rule: 'gha/write-all-permissions', severity: 'high',
    name: 'job-level write-all',
    line: 7,
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        release:
          runs-on: ubuntu-latest
          permissions: write-all
          steps:
            - run: make release
    `,
  },
  {
    rule: 'gha/missing-permissions', severity: 'medium',
    name: 'no top-level permissions (reported on the first key)',
    line: 2,
    text: dedent`
      # CI
      name: ci
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: make
    `,
  },
  {
    rule: 'gha/pull-request-target-checkout', severity: 'critical',
    name: 'checkout of the head sha under pull_request_target',
    line: 13,
    text: dedent`
      on:
        pull_request_target:
          types: [opened, synchronize]
      permissions:
        contents: read
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
              with:
                fetch-depth: 0
                ref: \${{ github.event.pull_request.head.sha }}
    `,
  },
  {
    rule: 'gha/pull-request-target-checkout', severity: 'critical',
    name: 'checkout of the merge ref under a list of triggers',
    line: 10,
    text: dedent`
      on: [push, pull_request_target]
      permissions:
        contents: read
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
              with:
                ref: refs/pull/\${{ github.event.number }}/merge
    `,
  },
];

const workflowMisses: Miss[] = [
  {
    rule: 'gha/unreadable-workflow',
    name: 'an anchor used a few times',
    text: dedent`
      on: push
      permissions: {}
      jobs:
        a: &job
          runs-on: ubuntu-latest
          steps:
            - run: make
        b: *job
        c: *job
    `,
  },
  {
    rule: 'gha/script-injection',
    name: 'the title passed through env',
    text: dedent`
      on: issues
      permissions:
        contents: read
      jobs:
        triage:
          runs-on: ubuntu-latest
          steps:
            - env:
                TITLE: \${{ github.event.issue.title }}
              run: echo "New issue $TITLE"
    `,
  },
  {
    rule: 'gha/script-injection',
    name: 'numbers, ids and SHAs of the event',
    text: dedent`
      on: pull_request
      permissions:
        contents: read
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: |
                echo "PR #\${{ github.event.pull_request.number }} at \${{ github.event.pull_request.head.sha }}"
                echo "\${{ github.sha }} by \${{ github.actor }}"
    `,
  },
  {
    rule: 'gha/unpinned-action',
    name: 'a full commit SHA, a first-party action and a local action',
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - uses: docker/setup-buildx-action@${SHA} # v3.7.1
            - uses: ./.github/actions/setup
            - uses: docker://alpine@sha256:${'0c1e5b7d'.repeat(8)}
    `,
  },
  {
    rule: 'gha/write-all-permissions',
    name: 'read-all and a scoped write',
    text: dedent`
      on: push
      permissions: read-all
      jobs:
        release:
          runs-on: ubuntu-latest
          permissions:
            contents: write
          steps:
            - run: make release
    `,
  },
  {
    rule: 'gha/missing-permissions',
    name: 'empty top-level permissions',
    text: dedent`
      name: ci
      on: push
      permissions: {}
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: make
    `,
  },
  {
    rule: 'gha/pull-request-target-checkout',
    name: 'pull_request_target checking out the base',
    text: dedent`
      on: pull_request_target
      permissions:
        contents: read
      jobs:
        label:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
    `,
  },
  {
    rule: 'gha/pull-request-target-checkout',
    name: 'the head checked out under pull_request',
    text: dedent`
      on: pull_request
      permissions:
        contents: read
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
              with:
                ref: \${{ github.event.pull_request.head.sha }}
    `,
  },
];

describe('workflows: scanWorkflow', () => {
  it('has a hit and a near-miss for every rule', () => {
    expectEveryRuleCovered(Object.keys(WORKFLOW_RULES), workflowHits, workflowMisses);
  });

  it.each(workflowHits)('$rule ($severity): $name, line $line', ({ rule, severity, text, line }) => {
    const findings = only(scanWorkflow('.github/workflows/ci.yml', text), rule);
    expect(findings.map(({ ruleId, severity, line: at, file }) => ({ ruleId, severity, line: at, file }))).toEqual([
      { ruleId: rule, severity, line, file: '.github/workflows/ci.yml' },
    ]);
  });

  it.each(workflowMisses)('$rule is not reported for $name', ({ rule, text }) => {
    expect(only(scanWorkflow('.github/workflows/ci.yml', text), rule)).toEqual([]);
  });
});
