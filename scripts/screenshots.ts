// Regenerates the README's pictures of the job summaries: runs the demo (real bundles on the
// cluster emulator), renders its summaries as GitHub does (test/harness/render-summary.ts) and
// writes docs/images/{canary-analyze,k8s-deploy}-summary.png.
//   npm run screenshots                 (runs the demo first, about three minutes)
//   npm run screenshots -- --from .demo (renders summaries an earlier `npm run demo` left)
// Every summary of the demo must render: a Mermaid error or a table missing a column fails the script.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openSummaryRenderer, type RenderedSummary } from '../test/harness/render-summary.js';
import { REPOSITORY_ROOT } from '../test/repository-root.js';

const IMAGES = join(REPOSITORY_ROOT, 'docs/images');
/** Heading, step table and the first chart (the critical metric) of the bad stepped canary's summary; the whole deploy summary of a new colour. */
const PICTURES = [
  { image: 'progressive-canary-summary.png', pick: /progressive-canary: rolled back/, maxHeight: 960 },
  { image: 'k8s-deploy-summary.png', pick: /✅ Deployed \(blue-green,/, maxHeight: 700 },
];

const { values } = parseArgs({ options: { from: { type: 'string' } } });
const summaries = values.from ? resolve(values.from) : join(REPOSITORY_ROOT, '.demo');
if (!values.from) execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/demo.ts'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });

const files = (await readdir(summaries)).filter((name) => name.endsWith('.md')).sort();
if (files.length === 0) throw new Error(`No job summaries (*.md) in ${summaries}: run \`npm run demo\` first, or \`npm run screenshots\` without --from`);
const renderer = await openSummaryRenderer();
const problems: string[] = [];
try {
  const texts = new Map(await Promise.all(files.map(async (name) => [name, await readFile(join(summaries, name), 'utf8')] as const)));
  for (const [name, markdown] of texts) problems.push(...summaryProblems(name, await renderer.render(markdown)));
  for (const picture of PICTURES) {
    const source = [...texts].find(([, markdown]) => picture.pick.test(markdown));
    if (!source) {
      problems.push(`no summary in ${summaries} matches ${picture.pick} for ${picture.image}`);
      continue;
    }
    const path = join(IMAGES, picture.image);
    await renderer.render(source[1], { screenshot: path, maxHeight: picture.maxHeight });
    console.log(`${relative(REPOSITORY_ROOT, path)} (${Math.round((await stat(path)).size / 1024)} KB) from ${source[0]}`);
  }
} finally {
  await renderer.close();
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}

function summaryProblems(name: string, rendered: RenderedSummary): string[] {
  return [
    ...rendered.mermaid.filter((chart) => chart.error).map((chart) => `${name}: a Mermaid block does not render: ${chart.error}`),
    ...rendered.tables.flatMap((table) =>
      table.rowWidths.some((width) => width !== table.headers.length)
        ? [`${name}: a table with columns ${table.headers.join(', ')} has rows of ${table.rowWidths.join(', ')} cells`]
        : [],
    ),
  ];
}
