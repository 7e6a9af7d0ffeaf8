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
    if (!known && error instanceof Error) await logStack(error);
    core.setFailed(message);
    try {
      await writeSummary((summary) => summary.addHeading(`❌ ${actionName} failed`, 3).addRaw(`\n${message.split('\n').map(escapeMarkdown).join('\n\n')}\n`));
    } catch (summaryError: unknown) {
      core.warning(`Could not write the job summary: ${describeError(summaryError)}`);
    }
  }
}

/**
 * A bug's stack trace, naming the TypeScript sources: V8 formats `error.stack` when it is first
 * read, so source maps installed now still apply. Installed here rather than at start-up, where
 * they cost every run a tenth of its start-up time.
 */
async function logStack(error: Error): Promise<void> {
  try {
    const { install } = await import('source-map-support');
    install();
  } catch {
    // Without the maps the stack names the bundle's minified code: still worth logging.
  }
  if (error.stack) core.debug(redactSecrets(error.stack));
}
