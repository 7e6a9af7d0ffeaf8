/** An error the API server turns into a Kubernetes `Status` object with the same HTTP code. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      // A plain error the API server did not classify has no reason (StatusReasonUnknown, omitted).
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

export function notFound(resource: string, group: string, name: string): ApiError {
  const qualified = group ? `${resource}.${group}` : resource;
  return new ApiError(404, 'NotFound', `${qualified} "${name}" not found`, { name, group, kind: resource });
}

export function alreadyExists(resource: string, group: string, name: string): ApiError {
  const qualified = group ? `${resource}.${group}` : resource;
  return new ApiError(409, 'AlreadyExists', `${qualified} "${name}" already exists`, { name, group, kind: resource });
}

export function staleResourceVersion(resource: string, group: string, name: string): ApiError {
  const qualified = group ? `${resource}.${group}` : resource;
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group, kind: resource },
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** field.ErrorType's text, as field.Error.Error() writes it, and the StatusCause reason it becomes (apimachinery/pkg/util/validation/field/errors.go). */
const CAUSE_REASONS: [string, string][] = [
  ['Required value', 'FieldValueRequired'],
  ['Invalid value', 'FieldValueInvalid'],
  ['Unsupported value', 'FieldValueNotSupported'],
  ['Duplicate value', 'FieldValueDuplicate'],
  ['Forbidden', 'FieldValueForbidden'],
  ['Too long', 'FieldValueTooLong'],
  ['Too many', 'FieldValueTooMany'],
  ['Not found', 'FieldValueNotFound'],
];

/**
 * A 422 for one field error (`spec.selector: Required value`), as errors.NewInvalid writes it:
 * the message, and details naming the object with the error as a cause, from which kubectl
 * prints `The <Kind> "<name>" is invalid: <field>: <detail>`. `kind` may be qualified (`Role.rbac.authorization.k8s.io`).
 */
export function invalid(kind: string, name: string, message: string): ApiError {
  const separator = message.indexOf(': ');
  const field = separator > 0 ? message.slice(0, separator) : '';
  const body = separator > 0 ? message.slice(separator + 2) : message;
  const reason = CAUSE_REASONS.find(([text]) => body.startsWith(text))?.[1] ?? 'FieldValueInvalid';
  const dot = kind.indexOf('.');
  const group = dot > 0 ? kind.slice(dot + 1) : '';
  return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${message}`, {
    name,
    ...(group ? { group } : {}),
    kind: dot > 0 ? kind.slice(0, dot) : kind,
    causes: [{ reason, message: body, field }],
  });
}
