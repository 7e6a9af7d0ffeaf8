import { configDefaults, defineConfig } from 'vitest/config';

const TEST_FILES = ['test/**/*.test.ts', 'example-service/test/**/*.test.ts', 'actions/**/*.test.ts'];
/** Tests that start a process, a bundle, a server, the cluster emulator or PostgreSQL are named *.integration.test.ts. */
const INTEGRATION_FILES = TEST_FILES.map((pattern) => pattern.replace('*.test.ts', '*.integration.test.ts'));

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // expect.poll's default of 1 s is too short for a probe that runs kubectl on a loaded CI machine; its failure shows the last value seen.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // Both cores (vitest's default leaves one idle): integration tests mostly wait on processes they started.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // In-process only: every core, and no global setup to wait for.
        test: { name: 'unit', include: TEST_FILES, exclude: [...configDefaults.exclude, ...INTEGRATION_FILES], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // After the unit tests, so the two never compete for the machine's cores.
        // A bundle run with a rollout takes seconds alone and several times that on a loaded machine.
        test: { name: 'integration', include: INTEGRATION_FILES, globalSetup: ['test/global-setup.ts'], sequence: { groupOrder: 1 }, testTimeout: 150_000 },
      },
    ],
  },
});
