import { execFileSync } from 'node:child_process';
import { REPOSITORY_ROOT } from './repository-root.js';

/** Compiles the inventory service once: the cluster emulator and the process tests run example-service/dist/server.js. */
export default function buildService(): void {
  execFileSync(process.execPath, [`${REPOSITORY_ROOT}/node_modules/typescript/bin/tsc`, '-p', 'example-service/tsconfig.json'], {
    cwd: REPOSITORY_ROOT,
    stdio: 'inherit',
  });
}
