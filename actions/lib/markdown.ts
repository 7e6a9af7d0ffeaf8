/**
 * Text that came from a file, the repository, the cluster or a person goes into job summaries
 * and PR comments only through these: nothing in it may become a tag, a link, an image, a
 * heading, a table cell boundary or a mention. GitHub renders both Markdown and raw HTML there.
 */

const ZERO_WIDTH_SPACE = '\u200B';
// With < and > escaped no tag can open, so quotes need no entities and messages stay readable.
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** `@org/team` and `@user` would notify people: a zero-width space after the `@` keeps the text and drops the mention. */
function defuseMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`);
}

/** For text inside raw HTML (core.summary's tables, details, list items): entities only, mentions defused, one line. */
export function escapeHtml(text: string): string {
  return defuseMentions(text.replace(/[&<>]/g, (character) => HTML_ENTITIES[character]!)).replace(/\r?\n/g, ' ');
}

/** For text in Markdown prose or a Markdown table cell: Markdown punctuation and HTML escaped, mentions defused, one line. */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text.replace(/[\\`*_[\]()#|!~]/g, '\\$&'));
}

/** An inline code span that no backtick inside can close early; one line. */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = oneLine.startsWith('`') || oneLine.endsWith('`') || oneLine === '' ? ' ' : '';
  return `${fence}${padding}${oneLine}${padding}${fence}`;
}

/** A fenced code block that no line inside can close early. */
export function codeBlock(text: string, language = ''): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`{3,}/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}
