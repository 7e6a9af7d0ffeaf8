import { basename } from 'node:path';
import { findingsFromHits, type Finding, type RuleHit, type RuleTable } from '../findings.js';

export const DOCKERFILE_RULES = {
  'docker/root-user': {
    severity: 'high',
    title: 'Final stage runs as root',
    fix: 'Add `USER <non-root uid>` to the final stage (after the steps that need root).',
  },
  'docker/unpinned-base-image': {
    severity: 'medium',
    title: 'Base image not pinned by digest',
    fix: 'Pin the base image by digest: `FROM image:tag@sha256:<digest>`.',
  },
  'docker/add-url': {
    severity: 'medium',
    title: 'ADD of a remote URL',
    fix: 'Download with `RUN curl` and verify a checksum, or use `ADD --checksum=sha256:<digest>`.',
  },
  'docker/secret-in-env': {
    severity: 'high',
    title: 'Secret in ENV or ARG',
    fix: 'Pass the secret with `RUN --mount=type=secret` at build time or at run time, never in ENV/ARG (they stay in the image).',
  },
  'docker/apt-get-no-cleanup': {
    severity: 'low',
    title: 'apt-get install without cleaning the package lists',
    fix: 'End the same RUN with `&& rm -rf /var/lib/apt/lists/*`.',
  },
  'docker/missing-healthcheck': {
    severity: 'low',
    title: 'No HEALTHCHECK',
    fix: 'Add a `HEALTHCHECK CMD ...` to the final stage (or `HEALTHCHECK NONE` when the orchestrator probes it).',
  },
} as const satisfies RuleTable<string>;

type DockerfileRuleId = keyof typeof DOCKERFILE_RULES;

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
/** A line ending in a backslash (and blanks): the instruction goes on on the next line. */
const CONTINUATION = /\\\s*$/;

export function isDockerfile(path: string): boolean {
  const name = basename(path);
  return /^(Dockerfile|Containerfile)(\..+)?$/.test(name) || name.endsWith('.Dockerfile');
}

/** Logical instructions: continuation lines joined, comments dropped, each with its first line. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const first = lines[index] ?? '';
    if (first.trim() === '' || first.trimStart().startsWith('#')) continue;
    const line = index + 1;
    // Each line is tested on its own (not the joined text), so a long run of continuation lines stays linear.
    const parts: string[] = [];
    let current = first;
    while (CONTINUATION.test(current) && index + 1 < lines.length) {
      parts.push(current.replace(CONTINUATION, ' '));
      const next = lines[++index] ?? '';
      current = next.trimStart().startsWith('#') ? '\\' : next;
    }
    parts.push(current);
    const joined = parts.join('');
    // `[\s\S]*`, not `.*`: a lone \r or U+2028 inside the line would make `.*$` backtrack quadratically.
    const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(joined);
    if (match) instructions.push({ keyword: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').trim(), line });
  }
  return instructions;
}

export function scanDockerfile(file: string, text: string): Finding[] {
  const instructions = parseDockerfile(text);
  const hits: Array<RuleHit<DockerfileRuleId>> = [];
  const hit = (ruleId: DockerfileRuleId, instruction: Instruction, message: string, content = instruction.args) =>
    hits.push({ ruleId, line: instruction.line, message, content: `${instruction.keyword} ${content}`, file });

  const globalArgs = new Map<string, string>();
  const stageNames = new Set<string>();
  let finalStage: Instruction | undefined;
  let lastUser: Instruction | undefined;
  let hasHealthcheck = false;

  for (const instruction of instructions) {
    const { keyword, args } = instruction;
    if (keyword === 'FROM') {
      const [image = '', , alias] = args.replace(/--platform=\S+\s*/, '').split(/\s+/);
      const resolved = image.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => globalArgs.get(name) ?? whole);
      if (resolved !== 'scratch' && !stageNames.has(resolved) && !resolved.includes('@sha256:')) {
        hit('docker/unpinned-base-image', instruction, `FROM ${resolved} is not pinned by digest.`, resolved);
      }
      if (alias) stageNames.add(alias);
      finalStage = instruction;
      lastUser = undefined;
      hasHealthcheck = false;
    } else if (keyword === 'ARG' || keyword === 'ENV') {
      for (const [name, value] of parseAssignments(keyword, args)) {
        if (keyword === 'ARG' && finalStage === undefined && value !== undefined) globalArgs.set(name, value);
        if (SECRET_NAME.test(name)) hit('docker/secret-in-env', instruction, `${keyword} ${name} puts a secret into the image (value not shown).`, name);
      }
    } else if (keyword === 'ADD') {
      const sources = args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const verified = /--checksum=/.test(args);
      for (const source of sources.slice(0, -1)) {
        if (/^https?:\/\//i.test(source) && !verified) hit('docker/add-url', instruction, `ADD downloads ${source} without verifying it.`, source);
      }
    } else if (keyword === 'RUN') {
      if (installsWithAptGet(args) && !/rm\s+-r?f?r?\s+\/var\/lib\/apt\/lists/.test(args)) {
        hit('docker/apt-get-no-cleanup', instruction, 'apt-get install leaves the package lists in the layer.');
      }
    } else if (keyword === 'USER') {
      lastUser = instruction;
    } else if (keyword === 'HEALTHCHECK') {
      hasHealthcheck = true;
    }
  }

  if (finalStage) {
    const user = lastUser?.args.split(':')[0];
    if (lastUser === undefined) hit('docker/root-user', finalStage, 'The final stage sets no USER, so the container runs as root.', 'no USER');
    else if (user === 'root' || user === '0') hit('docker/root-user', lastUser, `The final stage runs as ${lastUser.args}.`);
    if (!hasHealthcheck) hit('docker/missing-healthcheck', finalStage, 'The final stage has no HEALTHCHECK.', 'no HEALTHCHECK');
  }

  return findingsFromHits('dockerfile', DOCKERFILE_RULES, hits);
}

/** `apt-get [options] install` among the words of a RUN (words, not a regex: `(?:-\\S+\\s+)*` backtracks over repeated `apt-get -…`). */
function installsWithAptGet(args: string): boolean {
  const words = args.split(/\s+/);
  return words.some((word, index) => {
    if (word !== 'apt-get') return false;
    let next = index + 1;
    while (words[next]?.startsWith('-')) next++;
    return words[next] === 'install';
  });
}

/** `ENV A=1 B=2`, the legacy `ENV A 1`, and `ARG A[=default]`: names with their values. */
function parseAssignments(keyword: string, args: string): Array<[string, string | undefined]> {
  if (keyword === 'ENV' && !/^\S+=/.test(args)) {
    const [name = '', ...rest] = args.split(/\s+/);
    return [[name, rest.join(' ')]];
  }
  const assignments: Array<[string, string | undefined]> = [];
  for (const match of args.matchAll(/([A-Za-z_][\w.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    const [, name = '', value] = match;
    assignments.push([name, value?.replace(/^["']|["']$/g, '')]);
  }
  return assignments;
}
