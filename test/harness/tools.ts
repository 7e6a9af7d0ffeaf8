import { execFileSync } from 'node:child_process';
import { describe } from 'vitest';

/** Set by .ci/run: a missing tool fails the suite there instead of skipping quietly. */
export const TOOLS_REQUIRED = process.env.INVENTORY_DEVOPS_REQUIRE_TOOLS === '1';

export function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v "${command}"`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A suite that needs external tools (kubectl, prometheus…): skipped with one line saying
 * which tool is missing, or a failure when INVENTORY_DEVOPS_REQUIRE_TOOLS=1.
 */
export function describeWithTools(tools: string[], name: string, body: () => void): void {
  const missing = tools.filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    const reason = `"${name}" needs ${missing.join(', ')}, not found on PATH (.ci/run installs it)`;
    if (TOOLS_REQUIRED) throw new Error(`${reason}; INVENTORY_DEVOPS_REQUIRE_TOOLS=1 forbids skipping`);
    console.warn(`skipped: ${reason}`);
  }
  describe.skipIf(missing.length > 0)(name, body);
}
