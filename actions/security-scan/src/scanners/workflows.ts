import { LineCounter, parseDocument } from 'yaml';
import { findingsFromHits, type Finding, type RuleHit, type RuleTable } from '../findings.js';
import { lineOf, type Path } from './yaml-lines.js';

export const WORKFLOW_RULES = {
  'gha/script-injection': {
    severity: 'high',
    title: 'Attacker-controlled context in a script',
    fix: 'Pass the value through `env:` (e.g. `TITLE: ${{ github.event.issue.title }}`) and use "$TITLE" in the script.',
  },
  'gha/unpinned-action': {
    severity: 'medium',
    title: 'Third-party action not pinned by commit SHA',
    fix: 'Pin the action to a full 40-character commit SHA: `uses: owner/repo@<sha> # vX.Y.Z`.',
  },
  'gha/write-all-permissions': {
    severity: 'high',
    title: 'permissions: write-all',
    fix: 'Grant only the scopes the job needs, e.g. `permissions: { contents: read }`.',
  },
  'gha/missing-permissions': {
    severity: 'medium',
    title: 'No top-level permissions',
    fix: 'Add `permissions: { contents: read }` at the top of the workflow and widen per job.',
  },
  'gha/pull-request-target-checkout': {
    severity: 'critical',
    title: 'pull_request_target checks out the pull request head',
    fix: 'Use `pull_request` for untrusted code, or never check out the head in a `pull_request_target` workflow.',
  },
  'gha/unreadable-workflow': {
    severity: 'high',
    title: 'Workflow file that could not be read',
    fix: 'Write the workflow without YAML aliases that expand it (anchors used more than a few times) or deep nesting.',
  },
} as const satisfies RuleTable<string>;

type WorkflowRuleId = keyof typeof WORKFLOW_RULES;
type Json = Record<string, unknown>;

// Linear: the body stops at the next `${{` as well as at `}}`, so an unclosed `${{` scans only up to the next one.
const EXPRESSION = /\$\{\{((?:(?!\$\{\{|\}\})[\s\S])*)\}\}/g;
/** Values a pull request author, issue author or commenter controls. Ids, numbers and SHAs are safe. */
const ATTACKER_CONTROLLED = /\b(github\.event\.[\w.*[\]'-]+|github\.head_ref)\b/g;
const SAFE_EVENT_FIELD = /\.(number|id|sha|before|after)$/;
const FIRST_PARTY_OWNERS = new Set(['actions', 'github']);
const PR_HEAD_REF = /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|refs\/pull\//;

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

export function isWorkflowFile(path: string): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function scanWorkflow(file: string, text: string): Finding[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) return [];
  const hits: Array<RuleHit<WorkflowRuleId>> = [];
  const hit = (ruleId: WorkflowRuleId, path: Path, message: string, content: string, line = lineOf(document, lineCounter, path)) =>
    hits.push({ ruleId, line, message, content, file });
  let workflow: Json;
  try {
    workflow = object(document.toJS());
  } catch (error: unknown) {
    // Alias expansion past the yaml package's limit (a "billion laughs" file), or nesting deeper than the stack.
    if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
    hit('gha/unreadable-workflow', [], `The workflow could not be read (${error.message}), so what it runs is unknown.`, 'unreadable');
    return findingsFromHits('workflows', WORKFLOW_RULES, hits);
  }

  if (workflow.permissions === undefined) {
    hit('gha/missing-permissions', [], 'The workflow sets no top-level permissions, so jobs get the repository default token scopes.', 'top-level');
  } else if (workflow.permissions === 'write-all') {
    hit('gha/write-all-permissions', ['permissions'], 'The workflow grants permissions: write-all.', 'top-level');
  }
  const triggers = workflow.on;
  const onPullRequestTarget =
    triggers === 'pull_request_target' ||
    (Array.isArray(triggers) && triggers.includes('pull_request_target')) ||
    Object.hasOwn(object(triggers), 'pull_request_target');

  for (const [jobId, jobValue] of Object.entries(object(workflow.jobs))) {
    const job = object(jobValue);
    const jobPath = ['jobs', jobId];
    if (job.permissions === 'write-all') hit('gha/write-all-permissions', [...jobPath, 'permissions'], `Job ${jobId} grants permissions: write-all.`, jobId);
    if (typeof job.uses === 'string') checkUses(job.uses, [...jobPath, 'uses'], jobId);

    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((stepValue, index) => {
      const step = object(stepValue);
      const stepPath = [...jobPath, 'steps', index];
      const uses = typeof step.uses === 'string' ? step.uses : '';
      if (uses !== '') checkUses(uses, [...stepPath, 'uses'], jobId);
      const scripts: Array<[Path, unknown]> = [[[...stepPath, 'run'], step.run]];
      if (uses.startsWith('actions/github-script@')) scripts.push([[...stepPath, 'with', 'script'], object(step.with).script]);
      for (const [scriptPath, script] of scripts) {
        if (typeof script === 'string') checkScript(script, scriptPath, jobId);
      }
      const ref = object(step.with).ref;
      if (onPullRequestTarget && uses.startsWith('actions/checkout@') && typeof ref === 'string' && PR_HEAD_REF.test(ref)) {
        hit(
          'gha/pull-request-target-checkout',
          [...stepPath, 'with', 'ref'],
          `Job ${jobId} checks out the pull request head (${ref}) in a pull_request_target workflow, which runs with write access and secrets.`,
          `${jobId}/${ref}`,
        );
      }
    });
  }

  function checkUses(uses: string, path: Path, jobId: string): void {
    if (uses.startsWith('./')) return;
    if (uses.startsWith('docker://')) {
      if (!uses.includes('@sha256:')) hit('gha/unpinned-action', path, `Job ${jobId} uses the container ${uses}, not pinned by digest.`, `${jobId}/${uses}`);
      return;
    }
    const [action = '', ref = ''] = uses.split('@');
    const owner = action.split('/')[0] ?? '';
    if (FIRST_PARTY_OWNERS.has(owner) || /^[0-9a-f]{40}$/.test(ref)) return;
    hit('gha/unpinned-action', path, `Job ${jobId} uses ${uses}, a third-party action not pinned by commit SHA.`, `${jobId}/${uses}`);
  }

  function checkScript(script: string, path: Path, jobId: string): void {
    const keyLine = lineOf(document, lineCounter, path);
    // The script's expressions appear in the source in order, from the `run:` key on.
    let cursor = lineCounter.lineStarts[keyLine - 1] ?? 0;
    for (const expression of script.matchAll(EXPRESSION)) {
      const offset = text.indexOf(expression[0], cursor);
      if (offset !== -1) cursor = offset + 1;
      const contexts = [...(expression[1] ?? '').matchAll(ATTACKER_CONTROLLED)]
        .map((match) => match[1] ?? '')
        .filter((context) => !SAFE_EVENT_FIELD.test(context));
      if (contexts.length === 0) continue;
      hit(
        'gha/script-injection',
        path,
        `Job ${jobId} expands ${contexts.join(', ')} inside a script; a crafted value runs as code.`,
        `${jobId}/${expression[0]}`,
        offset === -1 ? keyLine : lineCounter.linePos(offset).line,
      );
    }
  }

  return findingsFromHits('workflows', WORKFLOW_RULES, hits);
}
