import * as core from '@actions/core';

const knownSecrets = new Set<string>();

/**
 * Masks a value in the runner's logs and remembers it, so that the summary and output
 * writers of this toolkit can redact it too: the runner masks only the log stream, not
 * files such as GITHUB_STEP_SUMMARY or GITHUB_OUTPUT.
 */
export function registerSecret(value: string): void {
  if (value.trim() === '') return;
  core.setSecret(value);
  knownSecrets.add(value);
  // Mask each meaningful line of a multi-line secret too, so a line logged on its own is hidden.
  const lines = value.split(/\r?\n/);
  if (lines.length === 1) return;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.length >= 8) {
      core.setSecret(trimmed);
      knownSecrets.add(trimmed);
    }
  }
}

export function redactSecrets(text: string): string {
  let redacted = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...knownSecrets].sort((a, b) => b.length - a.length)) {
    redacted = redacted.split(secret).join('***');
  }
  return redacted;
}
