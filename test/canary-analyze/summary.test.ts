import { describe, expect, it } from 'vitest';
import { mermaidChart } from '../../actions/canary-analyze/src/summary.js';
import type { Report } from '../../actions/canary-analyze/src/report.js';

const intervals = [0, 1, 2].map((index) => ({ index, baseline: { value: 0.04 }, canary: { value: 0.05 } }));
const chartOf = (name: string) => mermaidChart({ name, intervals } as unknown as Report['metrics'][number])!;

describe('the Mermaid chart of a metric', () => {
  it.each([
    ['quotes and a bracket', 'p95"] x'],
    ['a fence and a newline', 'p95```\n  line [1, 2, 3]'],
    ['HTML', '<img src=x onerror=alert(1)>'],
    ['1 KB of quotes', '"'.repeat(1024)],
  ])('a name with %s cannot break out of its labels or the block', (_label, name) => {
    const lines = chartOf(name).split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe('```mermaid');
    expect(lines[7]).toBe('```');
    expect(lines.slice(1, 7).join('\n')).not.toMatch(/```|<|>/);
    for (const line of [lines[2]!, lines[4]!]) expect(line.match(/"/g)).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('  line ['))).toHaveLength(2);
  });

  it('a plain name is kept', () => {
    expect(chartOf('p95-latency')).toContain('  y-axis "p95-latency"');
  });
});
