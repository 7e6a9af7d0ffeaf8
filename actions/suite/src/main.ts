import * as core from '@actions/core';
import { run as canaryAnalyze } from '../../canary-analyze/src/main.js';
import { run as k8sDeploy } from '../../k8s-deploy/src/main.js';
import { input, parseInputs, runAction } from '../../lib/index.js';
import { run as qualityGate } from '../../quality-gate/src/main.js';
import { run as rollback } from '../../rollback/src/main.js';
import { run as securityScan } from '../../security-scan/src/main.js';

/** The root action.yml: `command` picks the action; every other input goes to it unchanged. */
export const COMMANDS = {
  'quality-gate': qualityGate,
  'security-scan': securityScan,
  deploy: k8sDeploy,
  'canary-analyze': canaryAnalyze,
  rollback,
} as const;

const commandNames = Object.keys(COMMANDS) as [keyof typeof COMMANDS, ...(keyof typeof COMMANDS)[]];

export async function run(): Promise<void> {
  let command: keyof typeof COMMANDS | undefined;
  await runAction('inventory-devops', async () => {
    ({ command } = parseInputs({ command: input.oneOf(commandNames) }));
  });
  if (command === undefined) return;
  core.info(`inventory-devops: running ${command}`);
  await COMMANDS[command]();
}
