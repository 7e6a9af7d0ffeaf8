import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { REPOSITORY_ROOT } from '../repository-root.js';

// Keeps every action's README true to its action.yml: what the README names as an input or an
// output exists, and every input and output is named there.

interface Interface {
  inputs: string[];
  outputs: string[];
}

const ACTION_FOLDERS = readdirSync(join(REPOSITORY_ROOT, 'actions')).filter((name) => existsSync(join(REPOSITORY_ROOT, 'actions', name, 'action.yml')));

function actionInterface(folder: string): Interface {
  const metadata = parseYaml(readFileSync(join(REPOSITORY_ROOT, 'actions', folder, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  };
  return { inputs: Object.keys(metadata.inputs ?? {}), outputs: Object.keys(metadata.outputs ?? {}) };
}

const INTERFACES = new Map(ACTION_FOLDERS.map((folder) => [folder, actionInterface(folder)]));

/** An action's README, with the README it defers to (deploy is k8s-deploy under another name). */
function readmeText(folder: string): string {
  const text = readFileSync(join(REPOSITORY_ROOT, 'actions', folder, 'README.md'), 'utf8');
  const deferredTo = /^It is\s*\[[\w-]+\]\(\.\.\/([\w-]+)\/README\.md\)/m.exec(text.replace(/\n/g, ' ').replace(/\. It is/, '.\nIt is'))?.[1];
  return deferredTo ? `${text}\n${readmeText(deferredTo)}` : text;
}

/** Backticked names in the first cell of the table rows, and in the `Inputs:` / `Outputs:` lines, under each heading. */
function namedInSections(markdown: string): { inputs: Set<string>; outputs: Set<string> } {
  const named = { inputs: new Set<string>(), outputs: new Set<string>() };
  let section: keyof typeof named | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,3} (.*)/.exec(line)?.[1];
    if (heading !== undefined) section = /^inputs$/i.test(heading) ? 'inputs' : /^outputs$/i.test(heading) ? 'outputs' : undefined;
    const list = /^(Inputs|Outputs): (.*)/.exec(line);
    if (list) for (const [, name] of list[2]!.matchAll(/`([^`]+)`/g)) named[list[1] === 'Inputs' ? 'inputs' : 'outputs'].add(name!);
    const firstCell = section && /^\| ([^|]*)\|/.exec(line)?.[1];
    if (section && firstCell && !/^-+\s*$/.test(firstCell)) for (const [, name] of firstCell.matchAll(/`([^`]+)`/g)) named[section].add(name!);
  }
  return named;
}

/** Steps of the YAML examples that use one of the suite's actions: its `with:` keys and the outputs read from it. */
function exampleUses(markdown: string): Array<{ action: string; inputs: string[]; outputsRead: string[] }> {
  const uses: Array<{ action: string; inputs: string[]; outputsRead: string[] }> = [];
  for (const [, block] of markdown.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
    const ids = new Map<string, string>();
    const steps: Array<{ action: string; inputs: string[] }> = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        const step = node as Record<string, unknown>;
        const action = typeof step.uses === 'string' ? /\/inventory-devops\/actions\/([\w-]+)@/.exec(step.uses)?.[1] : undefined;
        if (action) {
          steps.push({ action, inputs: Object.keys((step.with as object | null) ?? {}).filter((key) => key !== '...') });
          if (typeof step.id === 'string') ids.set(step.id, action);
        }
        Object.values(step).forEach(visit);
      }
    };
    for (const document of parseAllDocuments(block!)) visit(document.toJS());
    const outputsRead = (action: string) =>
      [...block!.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)].filter(([, id]) => ids.get(id!) === action).map(([, , name]) => name!);
    for (const step of steps) uses.push({ ...step, outputsRead: outputsRead(step.action) });
  }
  return uses;
}

describe.each(ACTION_FOLDERS)('actions/%s/README.md', (folder) => {
  const readme = readmeText(folder);
  const { inputs, outputs } = INTERFACES.get(folder)!;

  it('names every input and output of its action.yml', () => {
    const backticked = new Set([...readme.matchAll(/`([^`\n]+)`/g)].map(([, text]) => text!));
    expect(inputs.filter((name) => !backticked.has(name))).toEqual([]);
    expect(outputs.filter((name) => !backticked.has(name))).toEqual([]);
  });

  it('presents as inputs and outputs only names its action.yml declares', () => {
    const named = namedInSections(readme);
    expect(named.inputs.size + named.outputs.size, 'the README lists its inputs and outputs').toBeGreaterThan(0);
    expect([...named.inputs].filter((name) => !inputs.includes(name))).toEqual([]);
    expect([...named.outputs].filter((name) => !outputs.includes(name))).toEqual([]);
  });

  it("gives the suite's actions in its examples only inputs they have, and reads only outputs they set", () => {
    for (const use of exampleUses(readme)) {
      const declared = INTERFACES.get(use.action);
      expect(declared, `an example uses actions/${use.action}, which does not exist`).toBeDefined();
      expect(
        use.inputs.filter((name) => !declared!.inputs.includes(name)),
        `inputs given to actions/${use.action}`,
      ).toEqual([]);
      expect(
        use.outputsRead.filter((name) => !declared!.outputs.includes(name)),
        `outputs read from actions/${use.action}`,
      ).toEqual([]);
    }
  });
});
