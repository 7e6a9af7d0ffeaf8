import * as core from '@actions/core';
import { input, parseInputs, runAction } from '../../lib/index.js';
import { BUNDLES, COMMANDS, type CommandName } from './actions.js';

const commandNames = Object.keys(COMMANDS) as [CommandName, ...CommandName[]];

/** The root action.yml: `command` picks the action; every other input goes to it unchanged. */
export async function run(): Promise<void> {
  let command: CommandName | undefined;
  await runAction('inventory-devops', async () => {
    ({ command } = parseInputs({ command: input.oneOf(commandNames) }));
  });
  if (command === undefined) return;
  core.info(`inventory-devops: running ${command}`);
  const { run: runCommand } = await BUNDLES[COMMANDS[command]]();
  await runCommand();
}
