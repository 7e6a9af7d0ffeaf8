import { escapeHtml } from '../markdown.js';
import type { Summary } from '../summary.js';
import type { HookRun } from '../kubernetes/hooks.js';

const HOOK_RESULTS = { succeeded: '✅', failed: '❌', 'dry-run': '🔍' } as const;

/** One row per hook Job run, in the order they ran; nothing when none ran. */
export function addHookRuns(summary: Summary, runs: readonly HookRun[]): void {
  if (runs.length === 0) return;
  summary.addTable([
    ['Hook', 'Phase', 'Weight', 'Job', 'Result', 'Seconds'].map((data) => ({ data, header: true })),
    ...runs.map((run) =>
      [run.hook, run.phase, String(run.weight), run.job, `${HOOK_RESULTS[run.status]} ${run.message}`, run.seconds.toFixed(1)].map(escapeHtml),
    ),
  ]);
}
