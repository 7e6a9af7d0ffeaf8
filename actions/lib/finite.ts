/**
 * A number that decides something, read from what a provider, a file or a person gave. NaN,
 * ±Infinity, empty text and anything that is not a number are missing (undefined), never a
 * value: `Number("NaN") ?? 0` is NaN, and every comparison with NaN is false, so a NaN that
 * got through would pass any check it met.
 */
export function finiteOrMissing(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
