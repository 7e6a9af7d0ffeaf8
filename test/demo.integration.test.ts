import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './repository-root.js';
import { describeWithTools } from './harness/tools.js';

// The README's main command: the whole pipeline on the local cluster emulator must behave as designed.
describeWithTools(['kubectl'], 'npm run demo', () => {
  it(
    'runs every step, stops the bad gateway-api canary at its first step, promotes the good stepped one, switches blue-green and back',
    { timeout: 600_000 },
    async () => {
      const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'demo'], { cwd: REPOSITORY_ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 540_000 });
      expect(stdout).toMatch(/✓ \d+\. progressive-canary of a bad v2 .* through the HTTPRoute .* → stopped at step 1/);
      expect(stdout).toContain('HTTPRoute inventory sends every request to the stable Service again; its header rule is gone');
      expect(stdout).toMatch(/✓ \d+\. progressive-canary of a good v2.0.0 \(replicas, steps 25,50\): judged at each step, then promoted/);
      expect(stdout).toMatch(/✓ \d+\. promote v2.2.0: the Service switches to green/);
      expect(stdout).toMatch(/✓ \d+\. rollback: the Service switches back to blue/);
      expect(stdout).toMatch(/✓ \d+\. delivery-metrics of this run/);
      expect(stdout).not.toMatch(/^✗/m);
      expect(stdout).toContain('The pipeline behaved as designed');
      // The only failed requests under load may be the faulty canary's injected 500s.
      const traffic = /(\d+) failed(?: \((.*)\))?/.exec(stdout.split('Traffic through the Service')[1] ?? '');
      expect(traffic, 'the demo reports the traffic').not.toBeNull();
      const kinds = (traffic?.[2] ?? '').split(':')[0]!.split(', ').filter(Boolean);
      for (const kind of kinds) expect(kind).toMatch(/× HTTP 500$/);
    },
  );
});
