import * as core from '@actions/core';
import { redactSecrets } from './secrets.js';

export type OutputValue = string | number | boolean | readonly string[];

/** Writes step outputs; lists are newline separated; secrets never reach GITHUB_OUTPUT. */
export function setOutputs(outputs: Record<string, OutputValue | undefined>): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join('\n') : String(value);
    core.setOutput(name, redactSecrets(text));
  }
}
