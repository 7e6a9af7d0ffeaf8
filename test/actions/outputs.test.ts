import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BUNDLES } from '../../actions/suite/src/actions.js';
import { REPOSITORY_ROOT } from '../repository-root.js';

// GitHub drops an output the action.yml does not declare without a word: a step reading it gets ''.

interface SetOutputsCall {
  file: string;
  /** The keys of the object literal; undefined when the argument is not one (the test then cannot check it). */
  keys?: string[];
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function setOutputsCalls(file: string): SetOutputsCall[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const calls: SetOutputsCall[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'setOutputs') {
      const [argument] = node.arguments;
      const at = `${relative(REPOSITORY_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const literal = argument && ts.isObjectLiteralExpression(argument) ? argument : undefined;
      const named = literal?.properties.every((property) => (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && property.name);
      calls.push({
        file: at,
        keys: named ? literal!.properties.map((property) => (property.name as ts.Identifier | ts.StringLiteral).text) : undefined,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

function declaredOutputs(folder: string): string[] {
  const metadata = parseYaml(readFileSync(join(REPOSITORY_ROOT, 'actions', folder, 'action.yml'), 'utf8')) as { outputs?: Record<string, unknown> };
  return Object.keys(metadata.outputs ?? {});
}

it('the shared toolkit sets no outputs of its own (each action does, where this test can check them)', () => {
  expect(typeScriptFiles(join(REPOSITORY_ROOT, 'actions/lib')).flatMap(setOutputsCalls)).toEqual([]);
});

describe.each(Object.keys(BUNDLES))('actions/%s', (bundle) => {
  const calls = typeScriptFiles(join(REPOSITORY_ROOT, 'actions', bundle, 'src')).flatMap(setOutputsCalls);

  it('sets outputs with object literals this test can read', () => {
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((call) => call.keys === undefined).map((call) => call.file)).toEqual([]);
  });

  it('declares in its action.yml every output it sets', () => {
    const declared = declaredOutputs(bundle);
    const undeclared = calls.flatMap((call) => (call.keys ?? []).filter((key) => !declared.includes(key)).map((key) => `${key} (${call.file})`));
    expect(undeclared).toEqual([]);
  });
});
