import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from '../../actions/lib/analysis/providers/direct/text-format.js';

describe('Prometheus text exposition format', () => {
  it('parses counters, histograms, comments, special values and timestamps', () => {
    const text = [
      '# HELP http_requests_total Requests',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="GET",status_code="200"} 1027 1395066363000',
      'http_requests_total{method="POST",status_code="500"} 3',
      '',
      '# TYPE latency histogram',
      'latency_bucket{le="0.5"} 24054',
      'latency_bucket{le="+Inf"} 144320',
      'latency_sum 53423',
      'latency_count 144320',
      'process_start_time_seconds 1.7e9',
      'odd{a="x"} NaN',
      'up -Inf',
      'nodejs_eventloop_lag_mean_seconds Nan',
      'metric_without_labels{} +Inf',
    ].join('\n');
    expect(parsePrometheusText(text)).toEqual([
      { name: 'http_requests_total', labels: { method: 'GET', status_code: '200' }, value: 1027 },
      { name: 'http_requests_total', labels: { method: 'POST', status_code: '500' }, value: 3 },
      { name: 'latency_bucket', labels: { le: '0.5' }, value: 24054 },
      { name: 'latency_bucket', labels: { le: '+Inf' }, value: 144320 },
      { name: 'latency_sum', labels: {}, value: 53423 },
      { name: 'latency_count', labels: {}, value: 144320 },
      { name: 'process_start_time_seconds', labels: {}, value: 1.7e9 },
      { name: 'odd', labels: { a: 'x' }, value: Number.NaN },
      { name: 'up', labels: {}, value: -Infinity },
      { name: 'nodejs_eventloop_lag_mean_seconds', labels: {}, value: Number.NaN },
      { name: 'metric_without_labels', labels: {}, value: Infinity },
    ]);
  });

  it('unescapes label values: \\\\, \\" and \\n, with commas and braces inside', () => {
    const [sample] = parsePrometheusText(
      'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\"",x="a,b}",} 1.458255915e9',
    );
    expect(sample).toEqual({
      name: 'msdos_file_access_time_seconds',
      labels: { path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"', x: 'a,b}' },
      value: 1458255915,
    });
  });

  it.each([
    ['http_requests_total{method="GET"', 'line 1'],
    ['ok 1\nbroken{a="b"} twelve', 'line 2: "twelve" is not a number'],
    ['x{a="unterminated} 1', 'unterminated label value'],
    ['x{a=b} 1', 'expected ="…" after label a'],
  ])('rejects %j naming the line', (text, message) => {
    expect(() => parsePrometheusText(text)).toThrow(message);
  });
});
