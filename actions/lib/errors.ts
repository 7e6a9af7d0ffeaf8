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

/** A value quoted in an error: one line, at most `maxLength` characters. */
export function abbreviate(value: string, maxLength = 80): string {
  const oneLine = value.replace(/\r?\n/g, '\\n');
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 3)}...` : oneLine;
}

/**
 * An error's system code (ENOENT, ECONNREFUSED…), its own or its cause's, and nothing of its
 * message: fs and fetch messages repeat the path or URL, with whatever it holds.
 */
export function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  if (typeof code === 'string') return code;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}
