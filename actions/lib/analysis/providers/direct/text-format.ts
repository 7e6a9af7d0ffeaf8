import { describeError } from '../../../errors.js';

/** One sample of the Prometheus text exposition format (version 0.0.4). */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** A series' identity: its name and every label, in a fixed order. */
export function seriesKey(sample: Pick<Sample, 'name' | 'labels'>): string {
  const labels = Object.keys(sample.labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(sample.labels[name])}`);
  return `${sample.name}{${labels.join(',')}}`;
}

export class ExpositionFormatError extends Error {
  override name = 'ExpositionFormatError';
}

/**
 * Parses what a `/metrics` endpoint answers. HELP, TYPE and other comments are skipped:
 * histograms are recognised by their `_bucket` / `_sum` / `_count` sample names. A series
 * written twice is an error, as in Prometheus' own scrape: its counter delta would count twice.
 */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    try {
      const sample = parseSampleLine(line);
      const key = seriesKey(sample);
      if (seen.has(key)) throw new Error('the series appears twice');
      seen.add(key);
      samples.push(sample);
    } catch (error: unknown) {
      throw new ExpositionFormatError(`line ${index + 1}: ${describeError(error)}: ${line.slice(0, 120)}`);
    }
  });
  return samples;
}

function parseSampleLine(line: string): Sample {
  const name = METRIC_NAME.exec(line)?.[0];
  if (!name) throw new Error('expected a metric name');
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1).trimStart();
    while (!rest.startsWith('}')) {
      const labelName = LABEL_NAME.exec(rest)?.[0];
      if (!labelName) throw new Error('expected a label name');
      rest = rest.slice(labelName.length).trimStart();
      if (!rest.startsWith('="') && !/^=\s*"/.test(rest)) throw new Error(`expected ="…" after label ${labelName}`);
      rest = rest.slice(rest.indexOf('"') + 1);
      const { value, remaining } = readQuoted(rest);
      labels[labelName] = value;
      rest = remaining.trimStart();
      if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
      else if (!rest.startsWith('}')) throw new Error('expected , or } after a label value');
    }
    rest = rest.slice(1);
  }
  const [valueText, timestamp, ...extra] = rest.trim().split(/\s+/);
  if (!valueText || extra.length > 0 || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) {
    throw new Error('expected a value and an optional integer timestamp');
  }
  return { name, labels, value: parseValue(valueText) };
}

/** Reads a label value up to its closing quote; the format escapes only \\, \" and \n. */
function readQuoted(text: string): { value: string; remaining: string } {
  let value = '';
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    if (character === '"') return { value, remaining: text.slice(i + 1) };
    if (character === '\\') {
      const escaped = text[++i];
      if (escaped === 'n') value += '\n';
      else if (escaped === '\\' || escaped === '"') value += escaped;
      else value += `\\${escaped ?? ''}`;
    } else {
      value += character;
    }
  }
  throw new Error('unterminated label value');
}

/** Like Prometheus (Go's ParseFloat): NaN and Inf in any case — prom-client writes `Nan`. */
function parseValue(text: string): number {
  switch (text.toLowerCase()) {
    case 'nan':
      return Number.NaN;
    case '+inf':
    case 'inf':
      return Infinity;
    case '-inf':
      return -Infinity;
  }
  const value = Number(text);
  if (Number.isNaN(value) || text === '') throw new Error(`"${text}" is not a number`);
  return value;
}
