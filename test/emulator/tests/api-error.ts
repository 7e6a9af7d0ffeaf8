import { ApiError } from '../src/errors.js';

/** The API error a call throws; any other outcome fails the test. */
export function apiErrorOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an API error');
}
