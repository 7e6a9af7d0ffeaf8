import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../repository-root.js';
import { files, steps, workflow, type Step } from './workflow-files.js';

interface ScriptRun {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<DELIMITER` blocks. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const block = /^([\w-]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, index + 1);
      outputs[block[1]!] = lines.slice(index + 1, end).join('\n');
      index = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/** A step's `run:` the way the runner runs it (bash -e -o pipefail), its values in env. */
function runStep(script: string, env: Record<string, string>, options: { cwd?: string; path?: string } = {}): ScriptRun {
  const folder = mkdtempSync(join(tmpdir(), 'workflow-step-'));
  const output = join(folder, 'output');
  const summary = join(folder, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd: options.cwd ?? folder,
    env: { PATH: options.path ?? process.env.PATH ?? '', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, outputs: readOutputs(output), summary: readFileSync(summary, 'utf8') };
}

const script = (file: string, job: string, name: string): string => {
  const found = workflow(file).jobs[job]!.steps!.find((step: Step) => step.name === name || step.id === name);
  if (!found?.run) throw new Error(`no run step ${name} in ${file} ${job}`);
  return found.run;
};

/** Stand-ins on PATH that record their arguments, one line per call, in <folder>/calls. */
function recordingCommands(commands: Record<string, string>): { path: string; calls: () => string[] } {
  const folder = mkdtempSync(join(tmpdir(), 'workflow-bin-'));
  for (const [name, body] of Object.entries(commands)) {
    writeFileSync(join(folder, name), `#!/bin/bash\necho "${name} $*" >> "${folder}/calls"\n${body}\n`);
    chmodSync(join(folder, name), 0o755);
  }
  return {
    path: `${folder}:${process.env.PATH ?? ''}`,
    calls: () => {
      try {
        return readFileSync(join(folder, 'calls'), 'utf8').trimEnd().split('\n');
      } catch {
        return [];
      }
    },
  };
}

describe('ci.yml: report paths under working-directory', () => {
  const paths = script('.github/workflows/ci.yml', 'tests', 'paths');
  const run = (env: Record<string, string>) =>
    runStep(paths, { WORKING_DIRECTORY: '.', COVERAGE_FILES: '', TEST_RESULTS: '', LINT_RESULTS: '', INPUTS: '{}', ...env });

  it('puts working-directory before every glob of every line and every comma-separated item, exclusions too', () => {
    const result = run({
      WORKING_DIRECTORY: 'services/api/',
      COVERAGE_FILES: 'coverage/lcov.info\ncoverage/**/cobertura.xml',
      TEST_RESULTS: 'reports/unit.xml, reports/integration.xml\n!reports/flaky.xml',
      LINT_RESULTS: 'reports/eslint.json',
    });
    expect(result.status).toBe(0);
    expect(result.outputs.upload!.split('\n')).toEqual([
      'services/api/package.json',
      'services/api/coverage/lcov.info',
      'services/api/coverage/**/cobertura.xml',
      'services/api/reports/unit.xml',
      'services/api/reports/integration.xml',
      '!services/api/reports/flaky.xml',
      'services/api/reports/eslint.json',
    ]);
  });

  it('names the artifact after the call: the same inputs the same suffix, any other input another', () => {
    const suffix = (inputs: string) => run({ INPUTS: inputs }).outputs['artifact-suffix'];
    expect(suffix('{"working-directory":"a"}')).toMatch(/^[0-9a-f]{16}$/);
    expect(suffix('{"working-directory":"a"}')).toBe(suffix('{"working-directory":"a"}'));
    expect(suffix('{"working-directory":"a"}')).not.toBe(suffix('{"working-directory":"b"}'));
  });

  it('computes the same suffix in the scan and gate jobs', () => {
    expect(script('.github/workflows/ci.yml', 'scan', 'artifact')).toBe(script('.github/workflows/ci.yml', 'gate', 'artifact'));
    const inputs = '{"node-version":"22"}';
    expect(runStep(script('.github/workflows/ci.yml', 'scan', 'artifact'), { INPUTS: inputs }).outputs.suffix).toBe(
      run({ INPUTS: inputs }).outputs['artifact-suffix'],
    );
  });
});

describe('deploy.yml: the result and revision outputs', () => {
  const result = script('.github/workflows/deploy.yml', 'deploy', 'result');
  const judge = (env: Record<string, string>) => {
    const run = runStep(result, env);
    expect(run.status).toBe(0);
    return [run.outputs.result, run.outputs.revision];
  };
  // A canary runs as one progressive-canary step; the deploy step is skipped.
  const canary = { DEPLOY_OUTCOME: 'skipped' };

  it.each<[string, Record<string, string>, string, string]>([
    [
      'a rolling deploy that succeeded',
      { DEPLOY_OUTCOME: 'success', DEPLOY_STATUS: 'succeeded', DEPLOY_STRATEGY: 'rolling', DEPLOY_REVISION: '5' },
      'deployed',
      '5',
    ],
    [
      'a rolling deploy that failed and was undone',
      { DEPLOY_OUTCOME: 'failure', DEPLOY_STATUS: 'rolled-back', DEPLOY_STRATEGY: 'rolling', DEPLOY_REVISION: '6' },
      'rolled-back',
      '6',
    ],
    ['a rolling deploy that failed and was not undone', { DEPLOY_OUTCOME: 'failure', DEPLOY_STATUS: 'failed', DEPLOY_STRATEGY: 'rolling' }, 'failed', ''],
    ['a deploy that never ran (attestation refused)', { DEPLOY_OUTCOME: 'skipped' }, 'failed', ''],
    [
      'a blue-green deploy whose rollout failed and was undone',
      { DEPLOY_OUTCOME: 'failure', DEPLOY_STATUS: 'rolled-back', DEPLOY_STRATEGY: 'blue-green' },
      'rolled-back',
      '',
    ],
    ['a blue-green switch', { DEPLOY_OUTCOME: 'success', DEPLOY_STRATEGY: 'blue-green', SWITCH_OUTCOME: 'success', SWITCH_REVISION: '3' }, 'promoted', '3'],
    [
      'a failed blue-green switch, new colour removed',
      { DEPLOY_OUTCOME: 'success', DEPLOY_STRATEGY: 'blue-green', SWITCH_OUTCOME: 'failure', REMOVE_COLOUR_OUTCOME: 'success' },
      'rolled-back',
      '',
    ],
    [
      'a failed blue-green switch, removal failed too',
      { DEPLOY_OUTCOME: 'success', DEPLOY_STRATEGY: 'blue-green', SWITCH_OUTCOME: 'failure', REMOVE_COLOUR_OUTCOME: 'failure' },
      'failed',
      '',
    ],
    ['a canary promoted after its last step', { ...canary, CANARY_OUTCOME: 'success', CANARY_RESULT: 'promoted', CANARY_REVISION: '8' }, 'promoted', '8'],
    ['a first canary deploy, out as rolling', { ...canary, CANARY_OUTCOME: 'success', CANARY_RESULT: 'deployed', CANARY_REVISION: '1' }, 'deployed', '1'],
    [
      'a canary stopped at a bad step, canary removed: the stable revision',
      {
        ...canary,
        CANARY_OUTCOME: 'failure',
        CANARY_RESULT: 'rolled-back',
        CANARY_REVISION: '',
        REMOVE_CANARY_OUTCOME: 'success',
        REMOVE_CANARY_REVISION: '4',
      },
      'rolled-back',
      '4',
    ],
    [
      'a canary that failed (an error) and was removed',
      { ...canary, CANARY_OUTCOME: 'failure', CANARY_RESULT: 'failed', REMOVE_CANARY_OUTCOME: 'success', REMOVE_CANARY_REVISION: '4' },
      'rolled-back',
      '4',
    ],
    [
      'a canary step that crashed before its outputs, canary removed',
      { ...canary, CANARY_OUTCOME: 'failure', REMOVE_CANARY_OUTCOME: 'success' },
      'rolled-back',
      '',
    ],
    [
      'a cancelled canary, canary removed',
      { ...canary, CANARY_OUTCOME: 'cancelled', REMOVE_CANARY_OUTCOME: 'success', REMOVE_CANARY_REVISION: '4' },
      'rolled-back',
      '4',
    ],
    [
      'a canary that failed, removal failed too',
      { ...canary, CANARY_OUTCOME: 'failure', CANARY_RESULT: 'rolled-back', REMOVE_CANARY_OUTCOME: 'failure' },
      'failed',
      '',
    ],
    ['a canary step that succeeded without a known result', { ...canary, CANARY_OUTCOME: 'success', CANARY_RESULT: '' }, 'failed', ''],
    ['a canary never started (attestation refused)', { ...canary, CANARY_OUTCOME: 'skipped' }, 'failed', ''],
  ])('%s: %s, revision %j', (_case, env, expectedResult, expectedRevision) => {
    expect(judge(env)).toEqual([expectedResult, expectedRevision]);
  });
});

describe('deploy.yml: the inputs are checked before the build and the deploy', () => {
  const check = script('.github/workflows/deploy.yml', 'inputs', "Check the strategy, on-inconclusive and the canary's steps and router");
  const valid = { STRATEGY: 'canary', ON_INCONCLUSIVE: 'rollback', CANARY_STEPS: '10,25,50', TRAFFIC_ROUTER: 'replicas', HTTP_ROUTE: '' };

  it.each([
    ['canary', 'rollback', 0],
    ['blue-green', 'promote', 0],
    ['rolling', 'rollback', 0],
    ['canary', 'Promote', 1],
    ['canary', '', 1],
    ['canary', 'promote; echo pwned', 1],
    ['--all', 'rollback', 1],
  ])('strategy %j, on-inconclusive %j: exit %i', (strategy, onInconclusive, exitCode) => {
    const run = runStep(check, { ...valid, STRATEGY: strategy, ON_INCONCLUSIVE: onInconclusive });
    expect(run.status).toBe(exitCode);
    if (exitCode) expect(run.stdout).toMatch(/^::error::Input "(strategy|on-inconclusive)" has value /);
  });

  it.each([
    ['10,25,50', 0],
    ['5', 0],
    ['1, 2, 99', 0],
    [Array.from({ length: 20 }, (_, index) => index + 1).join(','), 0],
    [Array.from({ length: 21 }, (_, index) => index + 1).join(','), 1],
    ['', 1],
    ['0,10', 1],
    ['10,100', 1],
    ['25,10', 1],
    ['10,10', 1],
    ['10,,25', 1],
    ['10,25,', 1],
    ['1e1', 1],
    ['NaN', 1],
    ['-10', 1],
    ['10;echo pwned', 1],
    ['10\n::warning::injected', 1],
    ['$(id)', 1],
    ['9'.repeat(100_000), 1],
  ])('canary-steps %j: exit %i', (steps, exitCode) => {
    const run = runStep(check, { ...valid, CANARY_STEPS: steps });
    expect(run.status).toBe(exitCode);
    if (exitCode) {
      expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stdout).toMatch(
        /^::error::Input "canary-steps" has value .{0,90}: expected a comma separated list of at most 20 strictly increasing whole percentages from 1 to 99/,
      );
    }
  });

  it.each([
    ['replicas', '', 0],
    ['gateway-api', 'inventory', 0],
    ['gateway-api', '', 1],
    ['istio', '', 1],
    ['--all', '', 1],
  ])('traffic-router %j, http-route %j: exit %i', (router, route, exitCode) => {
    const run = runStep(check, { ...valid, TRAFFIC_ROUTER: router, HTTP_ROUTE: route });
    expect(run.status).toBe(exitCode);
    if (exitCode) expect(run.stdout).toMatch(/^::error::Input "(traffic-router)" (has value|is gateway-api, which needs input "http-route")/);
  });
});

describe('deploy.yml: the image reference', () => {
  const image = script('.github/workflows/deploy.yml', 'deploy', 'image');
  const digest = `sha256:${'a'.repeat(64)}`;

  it('deploys the digest the build pushed', () => {
    const run = runStep(image, { BUILT: `ghcr.io/acme/app:abc@${digest}`, BUILT_DIGEST: digest, TAGGED: 'ghcr.io/acme/app:abc' });
    expect(run.status).toBe(0);
    expect(run.outputs.reference).toBe(`ghcr.io/acme/app:abc@${digest}`);
  });

  it('refuses an image that is not the digest the build pushed', () => {
    const run = runStep(image, { BUILT: `ghcr.io/acme/app:abc@sha256:${'b'.repeat(64)}`, BUILT_DIGEST: digest, TAGGED: 'ghcr.io/acme/app:abc' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('is not the digest this run built');
    expect(run.outputs.reference).toBeUndefined();
  });

  it('without a build, resolves the commit tag to its digest once (a stand-in registry client)', () => {
    const tools = recordingCommands({ docker: `echo '{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"${digest}","size":1}'` });
    const run = runStep(image, { BUILT: '', BUILT_DIGEST: '', TAGGED: 'ghcr.io/acme/app:abc' }, { path: tools.path });
    expect(run.status).toBe(0);
    expect(run.outputs.reference).toBe(`ghcr.io/acme/app@${digest}`);
    expect(tools.calls()).toEqual(['docker buildx imagetools inspect ghcr.io/acme/app:abc --format {{json .Manifest}}']);
  });

  it('without a build, stops when the registry has no image for the commit', () => {
    const tools = recordingCommands({ docker: 'echo "ERROR: not found" >&2; exit 1' });
    const run = runStep(image, { BUILT: '', BUILT_DIGEST: '', TAGGED: 'ghcr.io/acme/app:abc' }, { path: tools.path });
    expect(run.status).toBe(1);
    expect(run.outputs.reference).toBeUndefined();
  });
});

describe('deploy.yml: the Slack message', () => {
  const message = script('.github/workflows/deploy.yml', 'notify', 'message');
  const RUN_URL = 'https://github.com/acme/app/actions/runs/1/attempts/1';

  it('says the result, the verdict and links the run', () => {
    const run = runStep(message, { RESULT: 'rolled-back', VERDICT: 'rollback', ENVIRONMENT: 'production', REPOSITORY: 'acme/app', RUN_URL });
    expect(run.outputs.text).toBe(`:leftwards_arrow_with_hook: acme/app to production: *rolled-back*, canary verdict rollback <${RUN_URL}|the run>`);
  });

  it('escapes what Slack reads as markup or a mention, and keeps to one output line', () => {
    const run = runStep(message, { RESULT: 'failed', VERDICT: '', ENVIRONMENT: '<!channel> & <img src=x>\nforged=1', REPOSITORY: 'acme/app', RUN_URL });
    expect(run.status).toBe(0);
    expect(run.outputs.text).toBe(`:x: acme/app to &lt;!channel&gt; &amp; &lt;img src=x&gt; forged=1: *failed* <${RUN_URL}|the run>`);
    expect(run.outputs.forged).toBeUndefined();
  });
});

describe('release.yml: moving the major tag', () => {
  const move = script('.github/workflows/release.yml', 'move-major-tag', 'Move the major tag');

  /** A repository with the given tags, each on a commit of its own, and a stand-in gh. */
  function repository(tags: string[], ghExit = 0) {
    const folder = mkdtempSync(join(tmpdir(), 'release-'));
    const git = (...args: string[]) => {
      const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: folder, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      return result.stdout.trim();
    };
    git('init', '-q');
    for (const tag of tags) {
      git('commit', '-q', '--allow-empty', '-m', tag);
      git('tag', tag);
    }
    const tools = recordingCommands({ gh: `exit ${ghExit}` });
    const run = (tag: string, prerelease = 'false') =>
      runStep(move, { TAG: tag, PRERELEASE: prerelease, REPOSITORY: 'acme/inventory-devops', GH_TOKEN: 'x' }, { cwd: folder, path: tools.path });
    return { run, calls: tools.calls, commit: (ref: string) => git('rev-parse', `${ref}^{commit}`) };
  }

  it('creates the major tag through the API on the first release', () => {
    const repo = repository(['v1.0.0']);
    expect(repo.run('v1.0.0').status).toBe(0);
    expect(repo.calls()).toEqual([`gh api --method POST repos/acme/inventory-devops/git/refs -f ref=refs/tags/v1 -f sha=${repo.commit('v1.0.0')}`]);
  });

  it('moves an existing major tag forward through the API (no git push)', () => {
    const repo = repository(['v1.0.0', 'v1', 'v1.1.0']);
    expect(repo.run('v1.1.0').status).toBe(0);
    expect(repo.calls()).toEqual([`gh api --method PATCH repos/acme/inventory-devops/git/refs/tags/v1 -f sha=${repo.commit('v1.1.0')} -F force=true`]);
  });

  it('leaves the major tag on the newest release when a backport is published after it', () => {
    const repo = repository(['v1.9.0', 'v1.10.0', 'v1', 'v1.9.1']);
    const run = repo.run('v1.9.1');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('v1.9.1 is older than v1.10.0: v1 stays on v1.10.0.');
    expect(repo.calls()).toEqual([]);
  });

  it.each([
    ['v2.0.0-rc.1', 'false'],
    ['v2.0.0', 'true'],
  ])('passes the version check and leaves the major tag for the pre-release %s (prerelease %s)', (tag, prerelease) => {
    const repo = repository(['v2.0.0-rc.1', 'v2.0.0']);
    const run = repo.run(tag, prerelease);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('is a pre-release: v2 stays where it is.');
    expect(repo.calls()).toEqual([]);
  });

  it.each(['latest', 'v1.2', '1.2.3', 'v1.2.3\n::warning::forged'])('refuses the tag %j with one error line', (tag) => {
    const run = repository(['v1.0.0']).run(tag);
    expect(run.status).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^::error::Release tag .* is not vMAJOR\.MINOR\.PATCH/);
  });

  it('says which token is needed when GitHub refuses the update', () => {
    const repo = repository(['v1.0.0', 'v1', 'v1.1.0'], 1);
    const run = repo.run('v1.1.0');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('add a RELEASE_TOKEN secret with Contents and Workflows write');
  });
});

// bash -e does not stop at a command negated with `!` (nor at one that is not the last of a
// `&&` list): such an assertion can never fail a step.
describe('no assertion that bash -e ignores', () => {
  it.each(files)('%s', (file) => {
    const negated = steps(workflow(file)).flatMap(([job, step]) =>
      (step.run ?? '')
        .split('\n')
        .filter((line) => /^\s*!\s/.test(line))
        .map((line) => `${job}: ${step.name}: ${line.trim()}`),
    );
    expect(negated).toEqual([]);
  });
});

describe('.ci/run installs with sudo when not root', () => {
  it('runs apt-get and writes the policy file through sudo for a non-root user', () => {
    const tools = recordingCommands({
      id: 'echo 1001',
      sudo: 'if [ "$1" = env ]; then shift; while [[ "$1" == *=* ]]; do shift; done; fi; case "$1" in tee) cat > /dev/null ;; esac',
      'apt-get': '',
      kubectl: '',
      node: '',
      npm: '',
    });
    // Only the stand-ins, bash's own helpers and coreutils: git, prometheus, PostgreSQL and chromium are "missing".
    const path = `${tools.path.split(':')[0]}:/usr/local/sbin/no-such-folder`;
    const result = spawnSync('/bin/bash', [join(REPOSITORY_ROOT, '.ci/run')], {
      env: { PATH: `${path}:${coreutilsOnly()}` },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    const calls = tools.calls();
    expect(calls).toContain('sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q');
    expect(calls).toContain(
      'sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends git prometheus postgresql-client postgresql chromium fonts-noto-color-emoji',
    );
    // The policy file that keeps the packages' services from starting, when the machine has none yet.
    if (!existsSync('/usr/sbin/policy-rc.d')) expect(calls).toContain('sudo env DEBIAN_FRONTEND=noninteractive tee /usr/sbin/policy-rc.d');
    expect(calls.filter((call) => call.startsWith('apt-get'))).toEqual([]);
  });
});

/** A folder of links to the few coreutils .ci/run uses besides the stand-ins (dirname, tee, chmod, rm). */
function coreutilsOnly(): string {
  const folder = mkdtempSync(join(tmpdir(), 'coreutils-'));
  for (const name of ['dirname', 'chmod', 'rm', 'cat'])
    spawnSync('ln', ['-s', spawnSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim(), join(folder, name)]);
  return folder;
}
