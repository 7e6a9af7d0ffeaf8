// A job summary rendered as GitHub shows it: GitHub-flavoured Markdown with its HTML (marked, GFM),
// GitHub's own stylesheet (github-markdown-css) and Mermaid blocks drawn by Mermaid's npm package,
// in headless Chromium (Debian's `chromium`) driven by playwright-core.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { chromium, type Browser } from 'playwright-core';
import { REPOSITORY_ROOT } from '../repository-root.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MERMAID_SCRIPT = join(REPOSITORY_ROOT, 'node_modules/mermaid/dist/mermaid.min.js');
const GITHUB_CSS = join(REPOSITORY_ROOT, 'node_modules/github-markdown-css/github-markdown-light.css');
/** About the width of a job summary on github.com. */
const PAGE_WIDTH = 980;

export interface RenderedMermaid {
  source: string;
  /** Mermaid's parse or render error; undefined when the chart was drawn. */
  error?: string;
  /** The stroke colour of each line an xychart draws, in order. */
  lineColours: string[];
}

export interface RenderedTable {
  /** Header cells (th of the first row). */
  headers: string[];
  /** Cells of each further row, colspans counted. */
  rowWidths: number[];
}

export interface RenderedSummary {
  mermaid: RenderedMermaid[];
  tables: RenderedTable[];
  /** The visible text, as a reader sees it. */
  text: string;
}

export interface SummaryRenderer {
  render(markdown: string, options?: { screenshot?: string; maxHeight?: number }): Promise<RenderedSummary>;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** GitHub renders a summary with these options: GFM tables, HTML passed through (GitHub then sanitises it). */
export function summaryHtml(markdown: string): string {
  return marked.parse(markdown, { gfm: true, async: false });
}

export async function openSummaryRenderer(): Promise<SummaryRenderer> {
  if (!chromiumAvailable()) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  return {
    render: (markdown, options) => renderOn(browser, markdown, options),
    close: () => browser.close(),
  };
}

async function renderOn(browser: Browser, markdown: string, options: { screenshot?: string; maxHeight?: number } = {}): Promise<RenderedSummary> {
  const page = await browser.newPage({ viewport: { width: PAGE_WIDTH, height: 600 }, deviceScaleFactor: 1 });
  try {
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"></head><body><article class="markdown-body" style="box-sizing:border-box;padding:24px 32px;width:${PAGE_WIDTH}px">${summaryHtml(markdown)}</article></body></html>`,
    );
    await page.addStyleTag({ path: GITHUB_CSS });
    await page.addScriptTag({ path: MERMAID_SCRIPT });
    await page.addScriptTag({ content: IN_PAGE });
    const { mermaid, tables } = (await page.evaluate('inspectSummary()')) as Pick<RenderedSummary, 'mermaid' | 'tables'>;
    const text = await page.innerText('article');
    if (options.screenshot) {
      const height = (await page.evaluate("document.querySelector('article').getBoundingClientRect().height")) as number;
      await page.screenshot({
        fullPage: true,
        path: options.screenshot,
        clip: { x: 0, y: 0, width: PAGE_WIDTH, height: Math.ceil(Math.min(height, options.maxHeight ?? height)) },
      });
    }
    return { mermaid, tables, text };
  } finally {
    await page.close();
  }
}

/**
 * Runs in the page (plain JavaScript: a transpiler's helpers would not exist there). Replaces
 * each ```mermaid block by the chart Mermaid draws from it, as GitHub does, keeping Mermaid's
 * error for a block it cannot draw; then measures every table.
 */
const IN_PAGE = `
async function inspectSummary() {
  mermaid.initialize({ startOnLoad: false, theme: 'default' });
  const charts = [];
  const blocks = [...document.querySelectorAll('pre > code.language-mermaid')];
  for (const [index, code] of blocks.entries()) {
    const source = code.textContent ?? '';
    try {
      await mermaid.parse(source);
      const { svg } = await mermaid.render('mermaid-' + index, source);
      const figure = document.createElement('div');
      figure.innerHTML = svg;
      code.parentElement.replaceWith(figure);
      const lines = [...figure.querySelectorAll('g[class*="line-plot-"] path')];
      charts.push({ source, lineColours: lines.map((line) => line.getAttribute('stroke') ?? '') });
    } catch (error) {
      charts.push({ source, error: error instanceof Error ? error.message : String(error), lineColours: [] });
    }
  }
  const tables = [...document.querySelectorAll('article table')].map((table) => {
    const rows = [...table.querySelectorAll('tr')];
    return {
      headers: [...(rows[0]?.querySelectorAll('th') ?? [])].map((cell) => cell.textContent ?? ''),
      rowWidths: rows.slice(1).map((row) => [...row.children].reduce((sum, cell) => sum + Number(cell.getAttribute('colspan') ?? 1), 0)),
    };
  });
  return { mermaid: charts, tables };
}
`;
