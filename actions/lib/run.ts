import * as core from '@actions/core';
import { ConfigurationError, describeError } from './errors.js';
import { escapeMarkdown } from './markdown.js';
import { redactSecrets } from './secrets.js';
import { writeSummary } from './summary.js';

/**
 * The one try/catch of every action: a user mistake fails the step with its message,
 * anything else is reported as a bug. The failure is also the last line of the job summary.
 * Never throws and never calls process.exit: it sets process.exitCode through core.setFailed.
 */
export async function runAction(actionName: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error: unknown) {
    const known = error instanceof ConfigurationError;
    const message = redactSecrets(
      known
        ? `${actionName}: ${describeError(error)}`
        : `${actionName} failed unexpectedly (a bug in inventory-devops; please report it): ${describeError(error)}`,
    );
    if (!known && error instanceof Error && error.stack) core.debug(redactSecrets(error.stack));
    core.setFailed(message);
    try {
      await writeSummary((summary) => summary.addHeading(`❌ ${actionName} failed`, 3).addRaw(`\n${message.split('\n').map(escapeMarkdown).join('\n\n')}\n`));
    } catch (summaryError: unknown) {
      core.warning(`Could not write the job summary: ${describeError(summaryError)}`);
    }
  }
}
