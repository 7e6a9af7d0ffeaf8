import { parse, stringify } from 'yaml';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
const DURATION = /^(?:\d+(?:ms|[smhdwy]))+$/;
const DURATION_PART = /(\d+)(ms|[smhdwy])/g;

/** A Prometheus duration (`5m`, `1h30m`, `250ms`) in milliseconds. */
export function durationMs(duration: string): number {
  if (!DURATION.test(duration)) throw new Error(`not a Prometheus duration: ${duration}`);
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(DURATION_PART)) total += Number(amount) * UNIT_MS[unit!]!;
  return total;
}

function scaled(duration: string, factor: number): string {
  return `${Math.round(durationMs(duration) / factor)}ms`;
}

interface Rule {
  expr: string;
  for?: string;
  [key: string]: unknown;
}

/**
 * The rules file with every duration divided by `factor`: `for:` and the range of every range
 * selector (`[1h]`), so that an alert of the real rules fires in seconds against a live service.
 * Names stay as they are (`inventory:api_errors:ratio_rate1h` then holds a 1-minute ratio at 60).
 */
export function scaleRuleDurations(rulesFile: string, factor: number): string {
  const document = parse(rulesFile) as { groups: Array<{ rules: Rule[] }> };
  for (const group of document.groups) {
    for (const rule of group.rules) {
      rule.expr = rule.expr.replace(/\[([^\]:]+)\]/g, (_match, range: string) => `[${scaled(range, factor)}]`);
      if (rule.for !== undefined) rule.for = scaled(rule.for, factor);
    }
  }
  return stringify(document, { lineWidth: 0 });
}
