import { ruleList, type Finding, type Rule, type ScannerName } from '../findings.js';
import { kindOf } from '../tree.js';
import { DOCKERFILE_RULES, scanDockerfile } from './dockerfile.js';
import { KUBERNETES_RULES, scanKubernetesFile } from './kubernetes.js';
import { isMigrationFile, MIGRATION_RULES, scanMigration } from './migrations.js';
import { scanForSecrets, secretRulesMetadata, type CompiledSecretRule } from './secrets.js';
import type { SqlParser } from './sql-parser.js';
import { scanWorkflow, WORKFLOW_RULES } from './workflows.js';

export type FileScannerName = Extract<ScannerName, 'secrets' | 'kubernetes' | 'dockerfile' | 'workflows' | 'migrations'>;

/**
 * What the file scanners need besides the file: the secret rules (built-in and the user's), compiled
 * once; the folders of `migration-paths`; PostgreSQL's parser, loaded when the tree has migrations.
 */
export interface ScanContext {
  secretRules: CompiledSecretRule[];
  migrationFolders: readonly string[];
  parseSql?: SqlParser;
}

/** A scanner of file contents: which files it reads, what it finds in one, and the rules it can report. */
export interface FileScanner {
  name: FileScannerName;
  reads(path: string, context: ScanContext): boolean;
  /** `applies` is false when the file turned out to hold nothing this scanner checks (a JSON file that is no manifest). */
  scan(file: string, text: string, context: ScanContext): { findings: Finding[]; applies: boolean };
  /** For the SARIF rule metadata. */
  rules(context: ScanContext): Rule[];
  /** Why the scanner is skipped when no file of the tree applies; undefined: never skipped. */
  noFiles?: string;
}

/** Every file scanner, in the order their results are reported. */
export const FILE_SCANNERS: readonly FileScanner[] = [
  {
    name: 'secrets',
    reads: () => true,
    scan: (file, text, { secretRules }) => ({ findings: scanForSecrets(file, text, secretRules), applies: true }),
    rules: ({ secretRules }) => secretRulesMetadata(secretRules),
  },
  {
    name: 'kubernetes',
    reads: (path) => kindOf(path) === 'manifest',
    scan: (file, text) => {
      const manifests = scanKubernetesFile(file, text);
      return { findings: manifests.findings, applies: manifests.objects > 0 };
    },
    rules: () => ruleList(KUBERNETES_RULES),
    noFiles: 'no Kubernetes manifests in the tree',
  },
  {
    name: 'dockerfile',
    reads: (path) => kindOf(path) === 'dockerfile',
    scan: (file, text) => ({ findings: scanDockerfile(file, text), applies: true }),
    rules: () => ruleList(DOCKERFILE_RULES),
    noFiles: 'no Dockerfile in the tree',
  },
  {
    name: 'workflows',
    reads: (path) => kindOf(path) === 'workflow',
    scan: (file, text) => ({ findings: scanWorkflow(file, text), applies: true }),
    rules: () => ruleList(WORKFLOW_RULES),
    noFiles: 'no workflow under .github/workflows',
  },
  {
    name: 'migrations',
    reads: (path, { migrationFolders, parseSql }) => parseSql !== undefined && isMigrationFile(path, migrationFolders),
    scan: (file, text, { parseSql }) => ({ findings: parseSql === undefined ? [] : scanMigration(file, text, parseSql), applies: true }),
    rules: () => ruleList(MIGRATION_RULES),
    noFiles: 'no SQL migration in the tree (*.sql under a folder named migrations, or under migration-paths)',
  },
];
