import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './harness/run-action.js';

/** Compiles the inventory service once: the cluster emulator and the process tests run example-service/dist/server.js. */
export default function buildService(): void {
  execFileSync(process.execPath, [`${REPO_ROOT}/node_modules/typescript/bin/tsc`, '-p', 'example-service/tsconfig.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
