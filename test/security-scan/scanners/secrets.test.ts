import { describe, expect, it } from 'vitest';
import { BUILT_IN_SECRET_RULES, compileSecretRules, scanForSecrets } from '../../../actions/security-scan/src/scanners/secrets.js';
import { expectEveryRuleCovered, type Hit, type Miss, only } from './tables.js';

/**
 * The secrets are planted at run time: the `·` splits each one so that this file holds no
 * secret the repository's own scan (self-scan.integration.test.ts) would report.
 */
const plant = (text: string) => text.replaceAll('·', '');
const secretRules = compileSecretRules();
const ruleOf = (id: string) => secretRules.find((rule) => rule.id === id);

const secretHits: Hit[] = [
  {
    rule: 'secrets/aws-access-key-id',
    severity: 'critical',
    name: 'an access key id in a credentials file',
    line: 2,
    text: '[default]\naws_access_key_id = AKIA·4QZ7N2XK8M3PR6TB\n',
  },
  {
    rule: 'secrets/aws-access-key-id',
    severity: 'critical',
    name: 'a temporary (ASIA) key id in code',
    line: 3,
    text: '// sts\n\nconst id = "ASIA·J3V8Q2M6X4T9K1RZ";\n',
  },
  {
    rule: 'secrets/aws-secret-access-key',
    severity: 'critical',
    name: 'a secret access key in a credentials file',
    line: 3,
    text: '[default]\naws_access_key_id = $KEY_ID\naws_secret_access_key = Jx7+Qm2vR9tLw4Zp8Kc1Nf6H·b3Yd5Gs0Ae/Uo2Vi\n',
  },
  {
    rule: 'secrets/aws-secret-access-key',
    severity: 'critical',
    name: 'an env file entry',
    line: 1,
    text: 'AWS_SECRET_ACCESS_KEY="Jx7+Qm2vR9tLw4Zp8Kc1Nf6H·b3Yd5Gs0Ae/Uo2Vi"\n',
  },
  { rule: 'secrets/gcp-api-key', severity: 'high', name: 'a Maps key in config', line: 2, text: 'maps:\n  key: AIza·SyD4kQ8vX2mN7pR3tL9wZ6cB1hF5jG0eYs_\n' },
  {
    rule: 'secrets/github-token',
    severity: 'critical',
    name: 'a classic personal access token',
    line: 2,
    text: '# ci\nGITHUB_TOKEN=ghp_·8fK2mQ7xR4vN9tL3wZ6cB1hJ5pG0eYsA2dUk\n',
  },
  {
    rule: 'secrets/github-token',
    severity: 'critical',
    name: 'a fine-grained token',
    line: 1,
    text: `token: github_pat_·11ABCDEFG0${'aB3dE5gH7j'.repeat(7)}X9\n`,
  },
  {
    rule: 'secrets/private-key',
    severity: 'critical',
    name: 'a PEM private key (reported on its BEGIN line)',
    line: 2,
    text: `deploy_key: |\n  -----BEGIN RSA PRI·VATE KEY-----\n  MIIEowIBAAKCAQEAq7Vx2Lm9Rt4Kp8Zw1Nc6Hb3Yd5Gs0Ae+Uo2ViJx7Qm2vR9tLw4Z\n  p8Kc1Nf6Hb3Yd5Gs0Ae/Uo2ViJx7Qm2vR9tLw4Zp8Kc1Nf6Hb3Yd5Gs0Ae+Uo2ViJx7Q\n  -----END RSA PRIVATE KEY-----\n`,
  },
  {
    rule: 'secrets/slack-token',
    severity: 'high',
    name: 'a bot token',
    line: 1,
    text: 'SLACK_BOT=xoxb·-511964134116-3397359296037-2u6Qe1NBPBTrbEpvpDbnIIAp\n',
  },
  {
    rule: 'secrets/slack-webhook',
    severity: 'high',
    name: 'an incoming webhook URL',
    line: 2,
    text: 'notify:\n  url: https://hooks.slack.com/services/T4F8K2J9Q/B07H3M5N1/x8Kq2vR9tL·w4Zp8Kc1Nf6Hb3\n',
  },
  { rule: 'secrets/stripe-key', severity: 'critical', name: 'a live secret key', line: 1, text: 'STRIPE_KEY=sk_live_·4eC39HqLyjWDarjtT1zdp7dcXq2\n' },
  {
    rule: 'secrets/stripe-key',
    severity: 'critical',
    name: 'a restricted test key',
    line: 2,
    text: '\nconst stripe = new Stripe("rk_test_·51H8kQ2vR9tLw4Zp8Kc1Nf6Hb3");\n',
  },
  {
    rule: 'secrets/database-url-password',
    severity: 'high',
    name: 'a PostgreSQL URL with a password',
    line: 2,
    text: 'env:\n  DATABASE_URL: post·gres://inventory:Vq8zL2mR7xK4p@db.internal:5432/inventory\n',
  },
  {
    rule: 'secrets/database-url-password',
    severity: 'high',
    name: 'a MongoDB SRV URL with a password',
    line: 1,
    text: "const url = 'mongo·db+srv://app:t9Hq2xLm7Vk@cluster0.example.net/app';\n",
  },
  {
    rule: 'secrets/jwt',
    severity: 'medium',
    name: 'a JSON Web Token',
    line: 3,
    text: `# session\n\nAuthorization: Bearer eyJ·hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ·zdWIiOiJ1c2VyLTQyIn0.WMYJc-fwFp64OJxA_6EgQaISMKsvrBsD37GL4JayTZw\n`,
  },
  {
    rule: 'secrets/generic-high-entropy',
    severity: 'medium',
    name: 'a quoted client secret in YAML',
    line: 2,
    text: 'oauth:\n  client_secret: "q7Vx2Lm9Rt4·Kp8Zw1Nc6Hb3Yd"\n',
  },
  {
    rule: 'secrets/generic-high-entropy',
    severity: 'medium',
    name: 'an api key assigned in code',
    line: 1,
    text: "const apiKey = 'Zp8Kc1Nf6H·b3Yd5Gs0AeUo2Vi';\n",
  },
];

const secretMisses: Miss[] = [
  { rule: 'secrets/aws-access-key-id', name: 'an environment variable reference', text: 'aws_access_key_id = ${AWS_ACCESS_KEY_ID}\n' },
  { rule: 'secrets/aws-access-key-id', name: "AWS's documented example key id", text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' },
  { rule: 'secrets/aws-access-key-id', name: 'a key id one character short', text: 'id = AKIA·4QZ7N2XK8M3PR6T\n' },
  { rule: 'secrets/aws-secret-access-key', name: 'an environment variable reference', text: 'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n' },
  {
    rule: 'secrets/aws-secret-access-key',
    name: "AWS's documented example secret key",
    text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  },
  { rule: 'secrets/gcp-api-key', name: 'a placeholder', text: 'maps:\n  key: AIzaSy_YOUR_API_KEY\n' },
  { rule: 'secrets/gcp-api-key', name: 'a key one character short', text: 'key: AIza·SyD4kQ8vX2mN7pR3tL9wZ6cB1hF5jG0eYs\n' },
  { rule: 'secrets/github-token', name: 'the workflow token expression', text: 'env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n' },
  { rule: 'secrets/github-token', name: 'a placeholder', text: 'GITHUB_TOKEN=ghp_<your-token-here>\n' },
  {
    rule: 'secrets/private-key',
    name: 'a public key',
    text: `-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq7Vx2Lm9Rt4Kp8Zw1Nc6Hb3Yd5Gs0Ae\n-----END PUBLIC KEY-----\n`,
  },
  {
    rule: 'secrets/private-key',
    name: 'a template without the key',
    text: 'Put the deploy key here:\n-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n',
  },
  { rule: 'secrets/slack-token', name: 'a placeholder', text: 'SLACK_BOT=xoxb-your-bot-token\n' },
  { rule: 'secrets/slack-webhook', name: 'an environment variable reference', text: 'url: https://hooks.slack.com/services/${SLACK_WEBHOOK_PATH}\n' },
  {
    rule: 'secrets/slack-webhook',
    name: "Slack's documented placeholder",
    text: 'url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n',
  },
  { rule: 'secrets/stripe-key', name: 'a publishable key (public by design)', text: 'STRIPE_PUBLISHABLE=pk_live_·4eC39HqLyjWDarjtT1zdp7dcXq2\n' },
  {
    rule: 'secrets/database-url-password',
    name: 'a password from an environment variable',
    text: 'DATABASE_URL=postgres://inventory:${DB_PASSWORD}@db.internal:5432/inventory\n',
  },
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

describe("secrets: what a finding shows of a user rule's match", () => {
  const secret = plant('Zq8·vN3xK7pL2mR9tW4yB6cD');
  const userRule = (regex: string) =>
    compileSecretRules([{ id: 'user/rule', title: 'User rule', severity: 'high', regex, keywords: [] }]).filter((rule) => rule.id === 'user/rule');
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
