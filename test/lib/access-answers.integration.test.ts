import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkAccess, deployNeeds } from '../../actions/lib/kubernetes/access.js';
import { Kubectl } from '../../actions/lib/kubernetes/kubectl.js';

// What the API server (through kubectl) answers to the SelfSubjectAccessReviews, whatever it is.
const needs = deployNeeds({ kinds: ['Deployment', 'Service'], strategy: 'rolling', action: 'deploy', rollbackOnFailure: true, dryRun: false });
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'access-answers-'));
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A kubectl that prints `answer` and exits with `exitCode`, whatever it is asked. */
async function kubectlAnswering(answer: string, exitCode = 0): Promise<Kubectl> {
  const answerFile = join(folder, `answer-${Math.random().toString(36).slice(2)}`);
  await writeFile(answerFile, answer);
  const binary = `${answerFile}.sh`;
  await writeFile(binary, `#!/bin/sh\ncat > /dev/null\ncat '${answerFile}'\nexit ${exitCode}\n`);
  await chmod(binary, 0o755);
  return new Kubectl({ kubeconfig: join(folder, 'no-kubeconfig'), namespace: 'shop', binary });
}

const lines = (answers: string[]) => `${answers.join('\n')}\n`;

describe('the access check reads whatever the server answers', () => {
  it('every review allowed: no refusal', async () => {
    await expect(checkAccess(await kubectlAnswering(lines(needs.map(() => 'true'))), needs, 'this deploy')).resolves.toBeUndefined();
  });

  it.each([
    ['false', 'false'],
    ['empty', ''],
    ['not a boolean', 'NaN'],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['TRUE in capitals', 'TRUE'],
  ])('one answer %s: that right counts as missing and the run is refused, naming it', async (_, odd) => {
    const answers = needs.map(() => 'true');
    answers[1] = odd;
    const refusal = checkAccess(await kubectlAnswering(lines(answers)), needs, 'this deploy');
    await expect(refusal).rejects.toThrow(/lack a right this deploy needs, so nothing was changed/);
    await expect(refusal).rejects.toThrow(needs[1]!.why);
  });

  it.each([
    ['fewer answers than reviews (truncated)', lines(needs.slice(1).map(() => 'true')), 0],
    ['more answers than reviews', lines([...needs, ...needs].map(() => 'true')), 0],
    ['1 MB of noise', `${'-eyJ'.repeat(262_144)}\n`, 0],
    ['kubectl failing', 'error: the server does not allow this method on the requested resource', 1],
  ])('%s: no verdict is taken from it; a warning says the rights were not checked', async (_, answer, exitCode) => {
    const warning = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await expect(checkAccess(await kubectlAnswering(answer, exitCode), needs, 'this deploy')).resolves.toBeUndefined();
    const written = warning.mock.calls.map(([text]) => String(text)).join('');
    expect(written).toMatch(/::warning::Could not check the rights of the kubeconfig's credentials before this deploy/);
  });
});
