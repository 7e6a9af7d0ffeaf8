// Runs every benchmark in bench/ (TypeScript, through tsx) one after the other; each prints its figures.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const benchmarks = readdirSync('bench')
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .sort();
for (const file of benchmarks) {
  console.log(`\n=== bench/${file} ===`);
  execFileSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' });
}
