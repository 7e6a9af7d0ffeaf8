import vm from 'node:vm';

/**
 * How long one file (or one hunk of history) may take to scan. The built-in rules need
 * milliseconds for the largest file scanned (2 MB); a user's `secret-rules` pattern can
 * backtrack for hours on a file an attacker wrote.
 */
export const FILE_TIME_BUDGET_MS = 2000;

/**
 * `work` applied to each item, each given a time budget: the result is undefined for an item
 * stopped because it ran over.
 *
 * JavaScript cannot interrupt a running regular expression from its own thread, but V8 can:
 * the `timeout` of a vm script terminates whatever the isolate runs, a regex backtracking
 * included (tried: `/^(a+)+$/` on 30 a's and a quadratic pattern on 800 KB both stop at the
 * timeout, and the thread carries on). A timeout starts a watchdog thread per call (about
 * 0.15 ms, 3 s for 20,000 files), so one call runs items until `budgetMs` has passed and then
 * returns; its timeout is twice that, so an item stopped by it had run for at least `budgetMs`.
 * A worker thread terminated on a deadline would do too, at the cost of a second bundle entry
 * and copying every file's text across threads.
 */
export function mapWithTimeBudget<T, R extends object>(items: readonly T[], work: (item: T) => R, budgetMs = FILE_TIME_BUDGET_MS): Array<R | undefined> {
  // Filled, not sparse: callers map over every item, and array methods skip holes.
  const results = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const context = vm.createContext({
    runBatch: () => {
      const started = performance.now();
      while (next < items.length && performance.now() - started < budgetMs) {
        const index = next;
        next += 1;
        results[index] = work(items[index] as T);
      }
    },
  });
  const script = new vm.Script('runBatch()');
  while (next < items.length) {
    try {
      script.runInContext(context, { timeout: 2 * budgetMs });
    } catch (error: unknown) {
      // The item in progress when the watchdog fired keeps no result; the next call goes on after it.
      if ((error as { code?: unknown }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    }
  }
  return results;
}
