import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportJson } from '../../lib/analysis/report.js';
import type { Progression } from './progression.js';

/** The `report` output: the whole progression, each step with its full analysis report (as canary-analyze writes one). */
export async function writeProgressionReport(progression: Progression, directory = process.env.RUNNER_TEMP || tmpdir()): Promise<string> {
  const path = join(directory, `progressive-canary-report-${randomUUID()}.json`);
  const { deployed, ...rest } = progression;
  await writeFile(path, reportJson({ ...rest, deployed: deployed && { status: deployed.status, message: deployed.message, workloads: deployed.workloads } }));
  return path;
}
