import { describe, expect, it } from 'vitest';
import { scanWorkflow, WORKFLOW_RULES } from '../../../actions/security-scan/src/scanners/workflows.js';
import { aliasBomb, dedent, expectEveryRuleCovered, type Hit, type Miss, only } from './tables.js';

const SHA = '8aad20d150bbac5944a9f9d289da16a4b0d87c1e';

const workflowHits: Hit[] = [
  {
    rule: 'gha/unreadable-workflow',
    severity: 'high',
    name: 'a YAML alias bomb (billion laughs)',
    line: 1,
    text: `on: push\npermissions: {}\nenv:\n  ${aliasBomb().trimEnd().split('\n').join('\n  ')}\njobs: {}\n`,
  },
  {
    rule: 'gha/script-injection',
    severity: 'high',
    name: 'an issue title in a one-line run',
    line: 9,
    text: dedent`
      on: issues
      permissions:
        contents: read
      jobs:
        triage:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - run: echo "New issue \${{ github.event.issue.title }}"
    `,
  },
  {
    rule: 'gha/script-injection',
    severity: 'high',
    name: 'a head ref on the third line of a run block',
    line: 11,
    text: dedent`
      on: pull_request
      permissions:
        contents: read
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - name: Show the branch
              run: |
                echo "PR #\${{ github.event.pull_request.number }}"
                git fetch origin \${{ github.head_ref }}
    `,
  },
  {
    rule: 'gha/script-injection',
    severity: 'high',
    name: 'a comment body in a github-script script',
    line: 11,
    text: dedent`
      on: issue_comment
      permissions:
        contents: read
      jobs:
        reply:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/github-script@v7
              with:
                script: |
                  const body = "\${{ github.event.comment.body }}";
    `,
  },
  {
    rule: 'gha/unpinned-action',
    severity: 'medium',
    name: 'a third-party action on a tag',
    line: 8,
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - uses: docker/setup-buildx-action@v3
    `,
  },
  {
    rule: 'gha/unpinned-action',
    severity: 'medium',
    name: 'a container step without a digest',
    line: 8,
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        lint:
          runs-on: ubuntu-latest
          steps:
            - uses: docker://alpine:3.20
    `,
  },
  {
    rule: 'gha/unpinned-action',
    severity: 'medium',
    name: 'a third-party reusable workflow on a branch',
    line: 6,
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        deploy:
          uses: acme/inventory-devops/.github/workflows/deploy.yml@main
    `,
  },
  {
    rule: 'gha/write-all-permissions',
    severity: 'high',
    name: 'top-level write-all',
    line: 2,
    text: dedent`
      on: push
      permissions: write-all
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: make
    `,
  },
  {
    rule: 'gha/write-all-permissions',
    severity: 'high',
    name: 'job-level write-all',
    line: 7,
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        release:
          runs-on: ubuntu-latest
          permissions: write-all
          steps:
            - run: make release
    `,
  },
  {
    rule: 'gha/missing-permissions',
    severity: 'medium',
    name: 'no top-level permissions (reported on the first key)',
    line: 2,
    text: dedent`
      # CI
      name: ci
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: make
    `,
  },
  {
    rule: 'gha/pull-request-target-checkout',
    severity: 'critical',
    name: 'checkout of the head sha under pull_request_target',
    line: 13,
    text: dedent`
      on:
        pull_request_target:
          types: [opened, synchronize]
      permissions:
        contents: read
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
              with:
                fetch-depth: 0
                ref: \${{ github.event.pull_request.head.sha }}
    `,
  },
  {
    rule: 'gha/pull-request-target-checkout',
    severity: 'critical',
    name: 'checkout of the merge ref under a list of triggers',
    line: 10,
    text: dedent`
      on: [push, pull_request_target]
      permissions:
        contents: read
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
              with:
                ref: refs/pull/\${{ github.event.number }}/merge
    `,
  },
];

const workflowMisses: Miss[] = [
  {
    rule: 'gha/unreadable-workflow',
    name: 'an anchor used a few times',
    text: dedent`
      on: push
      permissions: {}
      jobs:
        a: &job
          runs-on: ubuntu-latest
          steps:
            - run: make
        b: *job
        c: *job
    `,
  },
  {
    rule: 'gha/script-injection',
    name: 'the title passed through env',
    text: dedent`
      on: issues
      permissions:
        contents: read
      jobs:
        triage:
          runs-on: ubuntu-latest
          steps:
            - env:
                TITLE: \${{ github.event.issue.title }}
              run: echo "New issue $TITLE"
    `,
  },
  {
    rule: 'gha/script-injection',
    name: 'numbers, ids and SHAs of the event',
    text: dedent`
      on: pull_request
      permissions:
        contents: read
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: |
                echo "PR #\${{ github.event.pull_request.number }} at \${{ github.event.pull_request.head.sha }}"
                echo "\${{ github.sha }} by \${{ github.actor }}"
    `,
  },
  {
    rule: 'gha/unpinned-action',
    name: 'a full commit SHA, a first-party action and a local action',
    text: dedent`
      on: push
      permissions:
        contents: read
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - uses: docker/setup-buildx-action@${SHA} # v3.7.1
            - uses: ./.github/actions/setup
            - uses: docker://alpine@sha256:${'0c1e5b7d'.repeat(8)}
    `,
  },
  {
    rule: 'gha/write-all-permissions',
    name: 'read-all and a scoped write',
    text: dedent`
      on: push
      permissions: read-all
      jobs:
        release:
          runs-on: ubuntu-latest
          permissions:
            contents: write
          steps:
            - run: make release
    `,
  },
  {
    rule: 'gha/missing-permissions',
    name: 'empty top-level permissions',
    text: dedent`
      name: ci
      on: push
      permissions: {}
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: make
    `,
  },
  {
    rule: 'gha/pull-request-target-checkout',
    name: 'pull_request_target checking out the base',
    text: dedent`
      on: pull_request_target
      permissions:
        contents: read
      jobs:
        label:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
    `,
  },
  {
    rule: 'gha/pull-request-target-checkout',
    name: 'the head checked out under pull_request',
    text: dedent`
      on: pull_request
      permissions:
        contents: read
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
              with:
                ref: \${{ github.event.pull_request.head.sha }}
    `,
  },
];

describe('workflows: scanWorkflow', () => {
  it('has a hit and a near-miss for every rule', () => {
    expectEveryRuleCovered(Object.keys(WORKFLOW_RULES), workflowHits, workflowMisses);
  });

  it.each(workflowHits)('$rule ($severity): $name, line $line', ({ rule, severity, text, line }) => {
    const findings = only(scanWorkflow('.github/workflows/ci.yml', text), rule);
    expect(findings.map(({ ruleId, severity, line: at, file }) => ({ ruleId, severity, line: at, file }))).toEqual([
      { ruleId: rule, severity, line, file: '.github/workflows/ci.yml' },
    ]);
  });

  it.each(workflowMisses)('$rule is not reported for $name', ({ rule, text }) => {
    expect(only(scanWorkflow('.github/workflows/ci.yml', text), rule)).toEqual([]);
  });
});
