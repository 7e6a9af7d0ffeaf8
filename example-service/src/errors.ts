import { STATUS_CODES } from 'node:http';
import type { ErrorBody } from './schemas.js';

/** An answer to a client mistake or a known condition, turned into the error body by the error handler. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(statusCode: number, code: string, message: string, details?: unknown): ErrorBody {
  const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message };
  if (details !== undefined) body.details = details;
  return body;
}
