/**
 * A mistake the user can fix (a bad input, a missing file, a policy violation they chose).
 * Anything else that escapes an action is a bug in the suite and is reported as one.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** A value quoted in an error: one line, at most 80 characters. */
export function abbreviate(value: string): string {
  const oneLine = value.replace(/\r?\n/g, '\\n');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}
