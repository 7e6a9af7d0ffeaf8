import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from '../../lib/index.js';

export interface HealthCheck {
  ok: boolean;
  message: string;
}

/** The health URL must answer 2xx; a service that just rolled back may need a few tries. */
export async function checkHealth(url: string, deadline: number): Promise<HealthCheck> {
  let last = 'did not answer';
  const giveUpAt = Math.min(deadline, Date.now() + 30_000);
  do {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return { ok: true, message: `answered ${response.status}` };
      last = `answered ${response.status}`;
    } catch (error: unknown) {
      // Only a code or the error's kind: fetch's messages may quote the URL, and with it whatever it holds.
      last = `did not answer (${errorCode(error) ?? (error instanceof Error ? error.name : 'unknown error')})`;
    }
    await sleep(1000);
  } while (Date.now() < giveUpAt);
  return { ok: false, message: last };
}
