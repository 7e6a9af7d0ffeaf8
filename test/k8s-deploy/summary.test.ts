import * as core from '@actions/core';
import { expect, it } from 'vitest';
import type { DeployResult } from '../../actions/lib/strategies/deploy-result.js';
import { renderDeploySummary } from '../../actions/k8s-deploy/src/summary.js';

const HOSTILE = '<img src=x onerror=alert(1)> @org/team [link](https://evil.example) | cell';

/** Text of the summary outside fenced code blocks: where a tag, a link or a mention would take effect. */
function outsideCodeBlocks(summary: string): string {
  return summary.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
}

it('cluster- and manifest-derived text in the deploy summary cannot become a tag, a link or a mention', () => {
  const result: DeployResult = {
    status: 'failed',
    strategy: 'rolling',
    message: `deployment/web: pod web-1 is in CrashLoopBackOff (${HOSTILE})`,
    workloads: [{ name: HOSTILE, previousRevision: 1, revision: 2 }],
    notes: [`note ${HOSTILE}`],
    problems: [
      {
        pod: HOSTILE,
        container: HOSTILE,
        reason: HOSTILE,
        message: HOSTILE,
        restarts: 1,
        events: [`Failed: ${HOSTILE}`],
        logs: `${HOSTILE}\n\`\`\`\n# heading`,
      },
    ],
    smokeChecks: [
      {
        deployment: HOSTILE,
        pods: [HOSTILE],
        passed: 1,
        failure: {
          pod: HOSTILE,
          request: `GET /${HOSTILE}`,
          problems: [`the body does not contain "${HOSTILE}"`],
          response: { status: 500, body: `${HOSTILE}\n\`\`\`\n# body heading`, truncated: true, milliseconds: 12 },
        },
      },
    ],
  };
  core.summary.emptyBuffer();
  renderDeploySummary(core.summary, result, HOSTILE, [{ object: HOSTILE, container: HOSTILE, from: HOSTILE, to: HOSTILE }], 1);
  const summary = core.summary.stringify();
  core.summary.emptyBuffer();
  const prose = outsideCodeBlocks(summary);
  expect(prose).not.toContain('<img');
  expect(prose).not.toContain('@org/team');
  expect(prose, 'Markdown prose has its link syntax escaped (HTML blocks do not render Markdown)').toContain('\\[link\\]\\(https://evil.example\\)');
  expect(prose).not.toMatch(/^# heading/m);
  expect(summary, 'the log itself is kept, in a code block').toContain(`${HOSTILE}\n\`\`\`\n# heading`);
  expect(prose).not.toMatch(/^# body heading/m);
  expect(summary, 'a failed smoke check shows the answer, in a code block').toContain(`${HOSTILE}\n\`\`\`\n# body heading`);
  expect(summary).toContain('Response: status 500 in 12 ms, body truncated');
});
