/**
 * Kubernetes resource quantities (`500m`, `1.5`, `128Mi`, `1G`, `1e3`) as numbers, and back in the
 * canonical form the API server prints (`1500m`, `128Mi`). A hand-written parser: the grammar is
 * small (k8s.io/apimachinery/pkg/api/resource/quantity.go) and no maintained npm package follows it.
 */
const SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** The value of a quantity, or undefined when it is not one. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const [, number = '', exponent, suffix = ''] = match;
  return Number(number) * (exponent ? 10 ** Number(exponent.slice(1)) : (SUFFIXES[suffix] ?? 1));
}

/** `cpu`-like values in cores (`1`, `1500m`), byte values in the largest binary unit that divides them (`128Mi`). */
export function formatQuantity(resource: string, value: number): string {
  if (/cpu$/.test(resource)) return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
  if (/memory$|storage$/.test(resource)) {
    for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      const unit = SUFFIXES[suffix]!;
      if (value >= unit && value % unit === 0) return `${value / unit}${suffix}`;
    }
  }
  return String(value);
}
