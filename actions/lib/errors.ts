/**
 * A mistake the user can fix (a bad input, a missing file, a policy violation they chose).
 * Anything else that escapes an action is a bug in the suite and is reported as one.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** An action of the suite whose behaviour is not built yet: it fails before changing anything. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';

  constructor(action: string, issue: number) {
    super(
      `${action} is not implemented yet in this version of inventory-devops (tracked as issue #${issue}). ` +
        'Its inputs were validated and nothing was changed.',
    );
  }
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
