import { setTimeout as sleep } from 'node:timers/promises';
import { abbreviate, errorCode } from '../../lib/index.js';

export interface HealthCheck {
  ok: boolean;
  message: string;
}

/** How much of a failing answer is read for its reason. */
const BODY_LIMIT = 4096;

/**
 * The health URL must answer 2xx; a service that just rolled back may need a few tries. At least
 * one try even when the deadline has passed: after a rollout that did not become ready, what the
 * service answers says why (say, a readiness check naming a column the schema lacks).
 */
export async function checkHealth(url: string, deadline: number): Promise<HealthCheck> {
  let last = 'did not answer';
  const giveUpAt = Math.min(deadline, Date.now() + 30_000);
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return { ok: true, message: `answered ${response.status}` };
      const reason = failureReason(await readAtMost(response, BODY_LIMIT));
      last = `answered ${response.status}${reason ? `: ${reason}` : ''}`;
    } catch (error: unknown) {
      // Only a code or the error's kind: fetch's messages may quote the URL, and with it whatever it holds.
      last = `did not answer (${errorCode(error) ?? (error instanceof Error ? error.name : 'unknown error')})`;
    }
    if (Date.now() + 1000 >= giveUpAt) return { ok: false, message: last };
    await sleep(1000);
  }
}

/** A failing answer's `reason` (or `message`, `error`) when it is JSON, else its first line; abbreviated, as it is the service's text. */
export function failureReason(body: string): string | undefined {
  let text = body.trim().split(/\r?\n/, 1)[0] ?? '';
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const field = [parsed.reason, parsed.message, parsed.error].find((value): value is string => typeof value === 'string' && value.trim() !== '');
    if (field !== undefined) text = field;
  } catch {
    // Not JSON: the first line it is.
  }
  return text.trim() === '' ? undefined : abbreviate(text.trim(), 200);
}

async function readAtMost(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut off is still worth what arrived.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}
