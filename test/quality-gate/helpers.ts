import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const lines = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `export const ${prefix}${index + 1} = ${index + 1};`);

/**
 * The change the tests judge, written out by hand so the expected figures do not come from
 * the code under test. Line numbers are those of the new files.
 */
export const CHANGE = {
  // Lines 3 and 4 modified, two lines inserted after line 7 (new 8 and 9), the last line deleted.
  'src/stock.ts': { changedLines: [3, 4, 8, 9], uncoveredInReport: [4, 8, 9], coverableInReport: range(1, 11) },
  // Renamed from src/old-name.ts; line 5 modified and line 13 appended.
  'src/new-name.ts': { changedLines: [5, 13], uncoveredInReport: [13], coverableInReport: range(1, 13) },
  // New; line 4 is blank and line 7 a closing brace the report does not list.
  'src/orders.ts': { changedLines: [1, 2, 3, 5, 6, 7], uncoveredInReport: [5, 6], coverableInReport: [1, 2, 3, 5, 6] },
  // New source file in no report: every changed line counts as uncovered.
  'src/untested.ts': { changedLines: [1, 2, 3], uncoveredInReport: undefined, coverableInReport: undefined },
  // New, not source files: no report should have seen them.
  'docs/notes.md': { changedLines: [1, 2], uncoveredInReport: undefined, coverableInReport: undefined },
  'src/stock.test.ts': { changedLines: [1], uncoveredInReport: undefined, coverableInReport: undefined },
} as const;

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** Independently computed figures of CHANGE against the lcov of lcovForChange(). */
export function expectedChangedLines(): { coverable: number; covered: number; uncovered: Record<string, number[]> } {
  let coverable = 0;
  let covered = 0;
  const uncovered: Record<string, number[]> = {};
  for (const [path, file] of Object.entries(CHANGE)) {
    const isSource = path.startsWith('src/') && !path.includes('.test.');
    if (!isSource) continue;
    const counted = file.coverableInReport ? file.changedLines.filter((line) => (file.coverableInReport as readonly number[]).includes(line)) : [...file.changedLines];
    const missed = file.uncoveredInReport ? counted.filter((line) => (file.uncoveredInReport as readonly number[]).includes(line)) : counted;
    coverable += counted.length;
    covered += counted.length - missed.length;
    uncovered[path] = missed;
  }
  return { coverable, covered, uncovered };
}

/** An lcov report of the changed tree, written on another machine (absolute paths under another root). */
export function lcovForChange(root = '/home/runner/work/elsewhere/checkout'): string {
  const records: string[] = [];
  for (const [path, file] of Object.entries(CHANGE)) {
    if (!file.coverableInReport) continue;
    records.push(`SF:${root}/${path}`);
    for (const line of file.coverableInReport) records.push(`DA:${line},${(file.uncoveredInReport as readonly number[]).includes(line) ? 0 : 3}`);
    records.push(`BRDA:1,0,0,1`, `BRDA:1,0,1,0`, 'end_of_record');
  }
  return `TN:\n${records.join('\n')}\n`;
}

export const LCOV_TOTALS = { linesFound: 11 + 13 + 5, linesHit: 11 - 3 + 13 - 1 + 5 - 2, branchesFound: 6, branchesHit: 3 };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

async function write(root: string, path: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

/** A git repository in a temp folder: a base commit, then the commit of CHANGE on top. */
export async function makeRepository(): Promise<{ dir: string; baseSha: string; headSha: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'quality-gate-repo-'));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  const stock = lines('stock', 10);
  const oldName = lines('renamed', 12);
  await write(dir, 'src/stock.ts', `${stock.join('\n')}\n`);
  await write(dir, 'src/old-name.ts', `${oldName.join('\n')}\n`);
  await write(dir, 'src/legacy.ts', `${lines('legacy', 5).join('\n')}\n`);
  await write(dir, 'README.md', '# sample\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');

  const newStock = [...stock.slice(0, 2), 'export const stock3 = 30;', 'export const stock4 = 40;', ...stock.slice(4, 7), 'export const added1 = 1;', 'export const added2 = 2;', ...stock.slice(7, 9)];
  await write(dir, 'src/stock.ts', `${newStock.join('\n')}\n`);
  git(dir, 'mv', 'src/old-name.ts', 'src/new-name.ts');
  const renamed = [...oldName.slice(0, 4), 'export const renamed5 = 50;', ...oldName.slice(5), 'export const renamed13 = 13;'];
  await write(dir, 'src/new-name.ts', `${renamed.join('\n')}\n`);
  await rm(join(dir, 'src/legacy.ts'));
  await write(dir, 'src/orders.ts', 'export function order(id: string) {\n  const key = id.trim();\n  if (key === "") {\n\n    throw new Error("empty");\n    return key;\n}\n');
  await write(dir, 'src/untested.ts', 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n');
  await write(dir, 'docs/notes.md', '# Notes\nSome text.\n');
  await write(dir, 'src/stock.test.ts', 'import "./stock";\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'change');
  return { dir, baseSha, headSha: git(dir, 'rev-parse', 'HEAD') };
}

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

export interface Comment {
  id: number;
  body: string;
}

/**
 * A stand-in for the GitHub REST API's issue comments: paginated listing with Link headers
 * (as GitHub paginates), create and update. Every request is recorded.
 */
export async function startGitHubStandIn(options: { comments?: Comment[]; readOnly?: boolean } = {}) {
  const comments: Comment[] = [...(options.comments ?? [])];
  const requests: RecordedRequest[] = [];
  let nextId = 10_000;
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    requests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };
    const list = /^\/repos\/acme\/inventory\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/acme\/inventory\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && request.method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(comments.length / perPage));
      const link = (target: number) => `<http://${request.headers.host}${url.pathname}?per_page=${perPage}&page=${target}>`;
      const links = [...(page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []), ...(page > 1 ? [`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`] : [])];
      const slice = comments.slice((page - 1) * perPage, page * perPage).map((comment) => ({ ...comment, html_url: `https://github.com/acme/inventory/pull/${list[1]}#issuecomment-${comment.id}` }));
      send(200, slice, links.length > 0 ? { link: links.join(', ') } : {});
    } else if (list && request.method === 'POST') {
      if (options.readOnly) return send(403, { message: 'Resource not accessible by integration' });
      const comment = { id: nextId++, body: (body as { body: string }).body };
      comments.push(comment);
      send(201, { ...comment, html_url: `https://github.com/acme/inventory/pull/${list[1]}#issuecomment-${comment.id}` });
    } else if (one && request.method === 'PATCH') {
      if (options.readOnly) return send(403, { message: 'Resource not accessible by integration' });
      const comment = comments.find((candidate) => candidate.id === Number(one[1]));
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = (body as { body: string }).body;
      send(200, { ...comment, html_url: `https://github.com/acme/inventory/pull/7#issuecomment-${comment.id}` });
    } else {
      send(404, { message: 'Not Found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text ? (JSON.parse(text) as unknown) : undefined;
}
