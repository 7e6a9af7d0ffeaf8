import { setTimeout as sleep } from 'node:timers/promises';
import * as core from '@actions/core';
import { ConfigurationError, errorCode } from '../../lib/index.js';

export interface Delivery {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutSeconds: number;
}

const ATTEMPTS = 3;
const RETRY_DELAY_MS = 1000;

/** Only a server's trouble or a lost connection is worth another try; a 4xx will answer the same. */
const retryable = (status: number): boolean => status === 429 || status >= 500;

/**
 * POSTs the body, at most three times. Redirects are not followed (the signed body goes only
 * where the caller said), and no message repeats the URL, which may carry a token.
 */
export async function deliver({ url, body, headers, timeoutSeconds }: Delivery): Promise<number> {
  let problem = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) {
      core.info(`Webhook delivery attempt ${attempt - 1} failed (${problem}); trying again.`);
      await sleep(RETRY_DELAY_MS * (attempt - 1));
    }
    let status: number;
    try {
      const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutSeconds * 1000) });
      await response.body?.cancel();
      status = response.status;
    } catch (error: unknown) {
      problem =
        (error as { name?: string }).name === 'TimeoutError'
          ? `no answer within ${timeoutSeconds} s`
          : `could not connect (${errorCode(error) ?? 'network error'})`;
      continue;
    }
    if (status >= 200 && status < 300) return status;
    problem = `HTTP ${status}`;
    if (status >= 300 && status < 400) throw new ConfigurationError(`The webhook answered HTTP ${status} (a redirect, not followed): give its final URL.`);
    if (!retryable(status)) throw new ConfigurationError(`The webhook refused the notification: HTTP ${status}.`);
  }
  throw new ConfigurationError(`The webhook could not be notified after ${ATTEMPTS} attempts: ${problem}.`);
}
