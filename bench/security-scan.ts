// Times security-scan's secrets + kubernetes scan of a generated 20,000-file tree (target: under 3 s).
// Run with `npx tsx bench/security-scan.ts` (or `npm run bench` for every benchmark).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSqlParser } from '../actions/security-scan/src/scanners/sql-parser.js';
import { scanFiles } from '../actions/security-scan/src/scan.js';
import { compileSecretRules } from '../actions/security-scan/src/scanners/secrets.js';
import { listTree } from '../actions/security-scan/src/tree.js';

const FILES = 20_000;
const MANIFEST_SHARE = 10; // every 10th file is a Kubernetes manifest

function sourceFile(index: number): string {
  const lines = [`// module ${index}`, `import { helper${index % 50} } from './helper.js';`];
  for (let line = 0; line < 40; line++) lines.push(`export const value${line} = helper${index % 50}('token-name-${line}', ${line * index});`);
  return `${lines.join('\n')}\n`;
}

function manifest(index: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${index}
  namespace: team-${index % 7}
spec:
  replicas: 2
  selector: { matchLabels: { app: service-${index} } }
  template:
    metadata: { labels: { app: service-${index} } }
    spec:
      securityContext: { runAsNonRoot: true }
      containers:
        - name: app
          image: registry.example.com/service-${index}:1.${index % 10}.0
          env:
            - { name: LOG_LEVEL, value: info }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
---
apiVersion: v1
kind: Service
metadata: { name: service-${index}, namespace: team-${index % 7} }
spec:
  selector: { app: service-${index} }
  ports: [{ port: 80, targetPort: 8080 }]
`;
}

const root = await mkdtemp(join(tmpdir(), 'security-scan-bench-'));
try {
  for (let folder = 0; folder < FILES / 100; folder++) {
    const path = join(root, `packages/p${folder}`);
    await mkdir(path, { recursive: true });
    await Promise.all(
      Array.from({ length: 100 }, (_, offset) => {
        const index = folder * 100 + offset;
        return index % MANIFEST_SHARE === 0
          ? writeFile(join(path, `deploy-${index}.yaml`), manifest(index))
          : writeFile(join(path, `module-${index}.ts`), sourceFile(index));
      }),
    );
  }

  const started = performance.now();
  const tree = await listTree(root, root);
  const listed = performance.now();
  const results = scanFiles(tree, new Set(['secrets', 'kubernetes'] as const), { secretRules: compileSecretRules(), migrationFolders: [] });
  const finished = performance.now();

  const findings = [...results.values()].reduce((sum, result) => sum + result.findings.length, 0);
  console.log(`files: ${tree.files.length} (${FILES / MANIFEST_SHARE} Kubernetes manifests)`);
  console.log(`listing: ${((listed - started) / 1000).toFixed(2)} s`);
  console.log(`secrets + kubernetes scan: ${((finished - listed) / 1000).toFixed(2)} s`);
  console.log(`wall time: ${((finished - started) / 1000).toFixed(2)} s (target < 3 s), ${findings} findings`);

  // Adversarial files: text an attacker chose for the built-in patterns (all four file scanners).
  for (const [label, piece, bytes] of [
    ['160 KB of -eyJ', '-eyJ', 160 * 1024],
    ['2 MB of -eyJ', '-eyJ', 2 * 1024 * 1024 - 1],
    ['2 MB of -----BEGIN PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----\n', 2 * 1024 * 1024 - 1],
    ['2 MB of ${{ in a workflow', '${{ ', 2 * 1024 * 1024 - 100],
  ] as const) {
    const folder = await mkdtemp(join(tmpdir(), 'security-scan-adversarial-'));
    const workflow = piece === '${{ ';
    const path = join(folder, workflow ? '.github/workflows/ci.yml' : 'adversarial.yaml');
    await mkdir(join(path, '..'), { recursive: true });
    const text = piece.repeat(Math.ceil(bytes / piece.length)).slice(0, bytes);
    await writeFile(path, workflow ? `on: push\njobs:\n  a:\n    steps:\n      - run: ${JSON.stringify(text)}\n` : text);
    const before = performance.now();
    scanFiles(await listTree(folder, folder), new Set(['secrets', 'kubernetes', 'dockerfile', 'workflows'] as const), {
      secretRules: compileSecretRules(),
      migrationFolders: [],
    });
    console.log(`${label}: ${((performance.now() - before) / 1000).toFixed(2)} s`);
    await rm(folder, { recursive: true, force: true });
  }

  // Migrations through PostgreSQL's parser: many statements, and nesting as deep as the parser allows.
  const parseSql = await loadSqlParser();
  const DROP_COLUMN = 'ALTER TABLE items DROP COLUMN price;\n';
  for (const [label, text] of [
    ['2 MB migration of ALTER TABLE ... DROP COLUMN', DROP_COLUMN.repeat(Math.floor((2 * 1024 * 1024 - 1) / DROP_COLUMN.length))],
    ['2 MB migration of nested parentheses', `SELECT ${'('.repeat(1024 * 1024 - 10)}1${')'.repeat(1024 * 1024 - 10)};`],
  ] as const) {
    const folder = await mkdtemp(join(tmpdir(), 'security-scan-migration-'));
    await mkdir(join(folder, 'migrations'));
    await writeFile(join(folder, 'migrations/001.sql'), text);
    const before = performance.now();
    const result = scanFiles(await listTree(folder, folder), new Set(['migrations'] as const), { secretRules: [], migrationFolders: [], parseSql });
    console.log(`${label}: ${((performance.now() - before) / 1000).toFixed(2)} s, ${result.get('migrations')?.findings.length ?? 0} findings`);
    await rm(folder, { recursive: true, force: true });
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
