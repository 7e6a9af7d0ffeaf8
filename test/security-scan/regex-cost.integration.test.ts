import { describe, expect, it } from 'vitest';
import { scanDockerfile } from '../../actions/security-scan/src/scanners/dockerfile.js';
import { scanKubernetesFile } from '../../actions/security-scan/src/scanners/kubernetes.js';
import { BUILT_IN_SECRET_RULES, compileSecretRules, scanForSecrets } from '../../actions/security-scan/src/scanners/secrets.js';
import { scanWorkflow } from '../../actions/security-scan/src/scanners/workflows.js';

/**
 * Every built-in rule must cost linear time on any text: a file of an attacker's choosing is
 * scanned. Each case is a piece of a rule's pattern repeated (or followed by a filler repeated)
 * to 50 KB and to 100 KB; doubling the text may at most about double the time. Times are the
 * minimum of several repetitions, each long enough (many iterations) to be above timer noise,
 * in CPU time so that a loaded machine does not skew them. Not a time bound: a quadratic pattern
 * grows ~4×, a linear one ~2×.
 */
const SMALL = 50 * 1024;
const LARGE = 100 * 1024;
const MAX_GROWTH = 3;

interface Case {
  /** Repeated to the size, or, with a filler, written once and followed by the filler repeated. */
  piece: string;
  filler?: string;
}

function adversarial({ piece, filler }: Case, size: number): string {
  const unit = filler ?? piece;
  const head = filler === undefined ? '' : piece;
  return (head + unit.repeat(Math.ceil((size - head.length) / unit.length))).slice(0, size);
}

/** Milliseconds of CPU this process used: unlike the wall clock, it does not grow while the scheduler runs other processes. */
function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function fastest(run: () => void, iterations: number): number {
  let best = Infinity;
  for (let repetition = 0; repetition < 3; repetition++) {
    const started = cpuMilliseconds();
    for (let iteration = 0; iteration < iterations; iteration++) run();
    best = Math.min(best, cpuMilliseconds() - started);
  }
  return best;
}

/**
 * Time on 100 KB over time on 50 KB. Even in CPU time one measurement can be slowed (a garbage
 * collection, a cold cache); a quadratic pattern is slow every time, so the lowest of up to six
 * attempts is kept, stopping at the first under the bound.
 */
function growth(scan: (text: string) => unknown, testCase: Case): number {
  const small = adversarial(testCase, SMALL);
  const large = adversarial(testCase, LARGE);
  const started = cpuMilliseconds();
  scan(small);
  const once = cpuMilliseconds() - started;
  const iterations = Math.min(1000, Math.max(1, Math.ceil(20 / Math.max(once, 0.01))));
  let lowest = Infinity;
  for (let attempt = 0; attempt < 6 && lowest >= MAX_GROWTH; attempt++) {
    lowest = Math.min(lowest, fastest(() => scan(large), iterations) / fastest(() => scan(small), iterations));
  }
  return lowest;
}

const GENERIC: Case[] = [{ piece: 'a' }, { piece: ' ' }, { piece: '-' }, { piece: '\n' }, { piece: 'aA0+/=_.' }];
/** Each rule's first keyword (so its pattern runs at all), followed by each generic filler. */
const afterKeyword = (keyword: string): Case[] => GENERIC.map(({ piece }) => ({ piece: keyword, filler: piece }));

const SECRET_CASES: Record<string, Case[]> = {
  'secrets/aws-access-key-id': [{ piece: 'AKIA' }, { piece: '-AKIA' }, { piece: `AKIA${'A'.repeat(16)}` }],
  'secrets/aws-secret-access-key': [
    { piece: 'aws_secret_access_key' },
    { piece: 'aws_secret_access_key= ' },
    { piece: 'aws_secret_access_key', filler: ' ' },
    { piece: 'aws_secret_access_key=', filler: 'a' },
  ],
  'secrets/gcp-api-key': [{ piece: 'AIza' }, { piece: '-AIza' }, { piece: 'AIza', filler: 'a' }],
  'secrets/github-token': [{ piece: 'ghp_' }, { piece: '-ghp_' }, { piece: 'github_pat_' }, { piece: 'github_pat_', filler: 'a' }],
  'secrets/private-key': [
    { piece: '-----BEGIN ' },
    { piece: '-----BEGIN PRIVATE KEY-----' },
    { piece: '-----BEGIN PRIVATE KEY-----\n' },
    { piece: '-----BEGIN PRIVATE KEY-----', filler: ' ' },
    { piece: '-----BEGIN PRIVATE KEY-----', filler: '\n' },
    { piece: '-----BEGIN PRIVATE KEY-----', filler: 'a' },
    { piece: '-----BEGIN PRIVATE KEY-----', filler: '-' },
    { piece: '-----BEGIN PRIVATE KEY-----\nMII', filler: 'a-' },
  ],
  'secrets/slack-token': [{ piece: 'xoxb-' }, { piece: '-xoxb-' }, { piece: 'xoxb-aaaaaaaaaa-' }],
  'secrets/slack-webhook': [
    { piece: 'https://hooks.slack.com/services/' },
    { piece: 'https://hooks.slack.com/services/TAAAAAAAA/BAAAAAAAA/' },
    { piece: 'https://hooks.slack.com/services/T', filler: 'A' },
  ],
  'secrets/stripe-key': [{ piece: 'sk_live_' }, { piece: '-sk_live_' }, { piece: 'sk_live_', filler: 'a' }],
  'secrets/database-url-password': [
    { piece: 'postgres://' },
    { piece: 'postgres://a:' },
    { piece: 'postgres://a:bbbbbb@' },
    { piece: 'postgres://', filler: 'a' },
    { piece: 'postgres://a:', filler: 'b' },
    { piece: 'postgres://a:b@', filler: 'c' },
  ],
  'secrets/jwt': [
    { piece: '-eyJ' },
    { piece: 'eyJ' },
    { piece: '.eyJ' },
    { piece: 'eyJaaaaaaaaaa.' },
    { piece: 'eyJ', filler: 'a' },
    { piece: 'eyJaaaaaaaaaa.eyJ', filler: '-' },
  ],
  'secrets/generic-high-entropy': [
    { piece: 'token' },
    { piece: 'token="' },
    { piece: 'token = "' },
    { piece: 'secret-' },
    { piece: 'token="', filler: 'a' },
    { piece: 'token', filler: ' ' },
    { piece: 'token=', filler: ' ' },
  ],
};

describe('regex cost: every built-in rule is linear on adversarial text', () => {
  it('has adversarial cases for every built-in secret rule', () => {
    expect(Object.keys(SECRET_CASES).sort()).toEqual(BUILT_IN_SECRET_RULES.map((rule) => rule.id).sort());
  });

  const rules = compileSecretRules();
  for (const [ruleId, cases] of Object.entries(SECRET_CASES)) {
    const rule = rules.filter((candidate) => candidate.id === ruleId);
    for (const testCase of [...cases, ...afterKeyword(rule[0]?.keywords[0] ?? '')]) {
      it(`${ruleId}: ${JSON.stringify(testCase)}`, () => {
        expect(growth((text) => scanForSecrets('adversarial.txt', text, rule), testCase)).toBeLessThan(MAX_GROWTH);
      });
    }
  }

  // A workflow whose script holds the adversarial text: the expression and context patterns run on it.
  const workflow = (text: string) =>
    `on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${JSON.stringify(text)}\n`;
  for (const testCase of [
    { piece: '${{ ' },
    { piece: '${{ github.event.' },
    { piece: '${{ github.event.issue.title }}' },
    { piece: '${{ ', filler: 'a' },
    { piece: '${{ github.event.', filler: '-' },
    { piece: '${{ github.event.', filler: 'a.' },
    { piece: 'github.event.-' },
    { piece: '}' },
    ...GENERIC,
  ]) {
    it(`workflows: ${JSON.stringify(testCase)}`, () => {
      expect(growth((text) => scanWorkflow('.github/workflows/ci.yml', workflow(text)), testCase)).toBeLessThan(MAX_GROWTH);
    });
  }

  for (const testCase of [
    { piece: 'RUN apt-get -' },
    { piece: 'RUN apt-get', filler: ' apt-get -' },
    { piece: 'RUN a', filler: ' \\\n' },
    { piece: 'RUN a \\\n' },
    { piece: 'RUN a', filler: '\r' },
    { piece: 'RUN a', filler: 'a\u2028' },
    { piece: 'ENV a="', filler: 'b=' },
    { piece: 'ENV a="' },
    { piece: 'ENV ', filler: 'a=\\"' },
    { piece: 'FROM ${' },
    { piece: 'ADD http://' },
    { piece: 'RUN rm -rf ' },
    { piece: '\\' },
    ...GENERIC,
  ]) {
    it(`dockerfile: ${JSON.stringify(testCase)}`, () => {
      expect(growth((text) => scanDockerfile('Dockerfile', text), testCase)).toBeLessThan(MAX_GROWTH);
    });
  }

  const pod = (text: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: ${JSON.stringify(text)}\n      env:\n        - { name: API_TOKEN, value: ${JSON.stringify(text)} }\n`;
  for (const testCase of [{ piece: 'apiVersion: v1\nkind: Pod\n---\n' }, { piece: 'kind: List\nitems:\n' }, { piece: '- ' }, { piece: 'a: ' }, ...GENERIC]) {
    it(`kubernetes: ${JSON.stringify(testCase)} as a file`, () => {
      expect(growth((text) => scanKubernetesFile('k8s/adversarial.yaml', text).findings, testCase)).toBeLessThan(MAX_GROWTH);
    });
  }
  for (const testCase of [{ piece: 'PASSWORD_' }, { piece: 'latest:' }, { piece: '@sha256:' }, { piece: '/' }, ...GENERIC]) {
    it(`kubernetes: ${JSON.stringify(testCase)} as an image and env value`, () => {
      expect(growth((text) => scanKubernetesFile('k8s/pod.yaml', pod(text)).findings, testCase)).toBeLessThan(MAX_GROWTH);
    });
  }
});
