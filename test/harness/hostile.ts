/**
 * One list of hostile input values, shared by every action's table test: each is what an
 * attacker or a careless user could type into a `with:` value or a workflow_dispatch form.
 * A test feeds each to every input it names and asserts a clear input error that names the
 * input, and that no kubectl, git or HTTP call carried the value.
 */
export interface HostileValue {
  /** What the value is, for test names. */
  label: string;
  value: string;
  /** The runner passes inputs as environment variables, which cannot hold NUL or 128 KiB: test such values through parseInputs. */
  environmentSafe: boolean;
}

const ONE_MEGABYTE = 1024 * 1024;

export const HOSTILE_VALUES: readonly HostileValue[] = [
  { label: 'a flag (--all)', value: '--all', environmentSafe: true },
  { label: 'a flag with a value (--selector=app!=x)', value: '--selector=app!=x', environmentSafe: true },
  { label: 'a short flag and another namespace (-n kube-system)', value: '-n kube-system', environmentSafe: true },
  { label: 'a space', value: 'a b', environmentSafe: true },
  { label: 'a shell substitution ($(id))', value: '$(id)', environmentSafe: true },
  { label: 'a path escape (..)', value: '..', environmentSafe: true },
  { label: 'a path with slashes (../../etc/passwd)', value: '../../etc/passwd', environmentSafe: true },
  { label: 'a newline', value: 'web\nkind: Secret', environmentSafe: true },
  // Linux refuses one environment string over 128 KiB (MAX_ARG_STRLEN): spawning the bundle fails with E2BIG, as a runner would.
  { label: '1 MB of -eyJ', value: '-eyJ'.repeat(ONE_MEGABYTE / 4), environmentSafe: false },
  { label: 'a NUL byte', value: 'web\u0000--all', environmentSafe: false },
  { label: 'text that was not UTF-8 (replacement characters)', value: 'web\uFFFD\uFFFD', environmentSafe: true },
  { label: 'NaN', value: 'NaN', environmentSafe: true },
  { label: 'Infinity', value: 'Infinity', environmentSafe: true },
  { label: 'a number in exponent form (1e309)', value: '1e309', environmentSafe: true },
  { label: 'a number too large for a double (400 digits)', value: '9'.repeat(400), environmentSafe: true },
  { label: '100 KB of digits, then a letter (quadratic for an ambiguous number pattern)', value: `${'9'.repeat(100_000)}x`, environmentSafe: true },
  { label: 'HTML (<img src=x onerror=alert(1)>)', value: '<img src=x onerror=alert(1)>', environmentSafe: true },
  { label: 'a mention (@org/team)', value: '@org/team', environmentSafe: true },
];

/** True when any recorded argument or request carries the hostile value (or, for long values, a telling prefix of it). */
export function carries(recorded: readonly string[], value: string): boolean {
  const needle = value.length > 64 ? value.slice(0, 64) : value;
  return recorded.some((text) => text.includes(needle));
}
