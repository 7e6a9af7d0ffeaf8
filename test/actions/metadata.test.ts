import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { InputShape } from '../../actions/lib/inputs.js';
import { canaryAnalyzeInputs } from '../../actions/canary-analyze/src/inputs.js';
import { k8sDeployInputs } from '../../actions/k8s-deploy/src/inputs.js';
import { notifyInputs } from '../../actions/notify/src/inputs.js';
import { qualityGateInputs } from '../../actions/quality-gate/src/inputs.js';
import { deliveryMetricsInputs } from '../../actions/delivery-metrics/src/inputs.js';
import { progressiveCanaryInputs } from '../../actions/progressive-canary/src/inputs.js';
import { rollbackInputs } from '../../actions/rollback/src/inputs.js';
import { securityScanInputs } from '../../actions/security-scan/src/inputs.js';
import { BUNDLES, COMMANDS, type BundleName } from '../../actions/suite/src/actions.js';
import { REPOSITORY_ROOT } from '../repository-root.js';

interface Metadata {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

async function metadata(folder: string): Promise<Metadata> {
  return parseYaml(await readFile(join(REPOSITORY_ROOT, folder, 'action.yml'), 'utf8')) as Metadata;
}

/** Each bundle's input schema: the record type makes a bundle added to the list without one a type error. */
const INPUT_SHAPES: Record<BundleName, InputShape> = {
  'quality-gate': qualityGateInputs,
  'security-scan': securityScanInputs,
  'k8s-deploy': k8sDeployInputs,
  'canary-analyze': canaryAnalyzeInputs,
  rollback: rollbackInputs,
  notify: notifyInputs,
  'delivery-metrics': deliveryMetricsInputs,
  'progressive-canary': progressiveCanaryInputs,
};

/** Every action folder: one per bundle, plus one per command of the root action, with the bundle it runs. */
const ACTIONS: Array<[string, InputShape, string]> = [
  ...new Map<string, BundleName>([...Object.keys(BUNDLES).map((bundle) => [bundle, bundle as BundleName] as const), ...Object.entries(COMMANDS)]),
].map(([name, bundle]) => [`actions/${name}`, INPUT_SHAPES[bundle], `dist/${bundle}/index.js`]);

it('the list of actions names every folder under actions/ that has an action.yml', async () => {
  const folders = (await readdir(join(REPOSITORY_ROOT, 'actions'))).filter((name) => existsSync(join(REPOSITORY_ROOT, 'actions', name, 'action.yml')));
  expect(ACTIONS.map(([folder]) => folder).sort()).toEqual(folders.map((name) => `actions/${name}`).sort());
});

describe.each(ACTIONS)('%s/action.yml', (folder, shape, bundle) => {
  it('runs its bundle on node24', async () => {
    const { runs } = await metadata(folder);
    expect(runs.using).toBe('node24');
    expect(join(folder, runs.main)).toBe(bundle);
  });

  it('declares exactly the inputs its schema validates, each described', async () => {
    const { inputs } = await metadata(folder);
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(shape).sort());
    for (const [name, spec] of Object.entries(inputs)) expect(spec.description, name).toMatch(/\S{3}/);
  });

  it('has defaults that the schema accepts and that mean the same as leaving the input unset', async () => {
    const { inputs } = await metadata(folder);
    for (const [name, spec] of Object.entries(inputs)) {
      const schema = shape[name];
      if (spec.default === undefined || spec.default.includes('${{') || !schema) continue;
      expect(schema.parse(spec.default), name).toEqual(schema.parse(undefined));
    }
  });

  it('documents its outputs', async () => {
    const { outputs } = await metadata(folder);
    expect(Object.keys(outputs).length).toBeGreaterThan(0);
    for (const [name, spec] of Object.entries(outputs)) expect(spec.description, name).toMatch(/\S{3}/);
  });
});

describe('the root action.yml', () => {
  it('accepts every input and declares every output of the five actions', async () => {
    const root = await metadata('.');
    expect(root.runs).toEqual({ using: 'node24', main: 'dist/suite/index.js' });
    expect(root.inputs.command?.required).toBe(true);
    for (const [folder] of ACTIONS) {
      const action = await metadata(folder);
      for (const name of Object.keys(action.inputs)) expect(root.inputs, `${folder} input ${name}`).toHaveProperty([name]);
      for (const name of Object.keys(action.outputs)) expect(root.outputs, `${folder} output ${name}`).toHaveProperty([name]);
    }
  });

  it('sets no defaults of its own, so each command keeps its action defaults', async () => {
    const root = await metadata('.');
    expect(Object.entries(root.inputs).filter(([, spec]) => spec.default !== undefined)).toEqual([]);
  });
});

it('deploy is k8s-deploy under the name teams write', async () => {
  const [deploy, k8sDeploy] = await Promise.all([metadata('actions/deploy'), metadata('actions/k8s-deploy')]);
  expect(deploy.inputs).toEqual(k8sDeploy.inputs);
  expect(deploy.outputs).toEqual(k8sDeploy.outputs);
  expect(deploy.runs).toEqual(k8sDeploy.runs);
});

describe('README.md', () => {
  const markdownFiles = ['README.md', ...ACTIONS.map(([folder]) => `${folder}/README.md`)];

  it('has a row for every action in its table of actions', async () => {
    const readme = await readFile(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| ['));
    for (const [folder] of ACTIONS)
      expect(
        rows.some((row) => row.includes(`(${folder}/`)),
        folder,
      ).toBe(true);
  });

  it.each(markdownFiles)('%s links only to files that exist', async (file) => {
    const text = await readFile(join(REPOSITORY_ROOT, file), 'utf8');
    const targets = [...text.matchAll(/\]\((?!https?:|#|mailto:)([^)\s#]+)/g)].map((match) => match[1]!);
    if (file === 'README.md') expect(targets.length, 'the check finds the links').toBeGreaterThan(10);
    expect(targets.filter((target) => !existsSync(join(REPOSITORY_ROOT, file, '..', target)))).toEqual([]);
  });
});
