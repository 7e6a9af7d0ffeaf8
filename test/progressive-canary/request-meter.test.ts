import { describe, expect, it } from 'vitest';
import { servedBetween, windowRequests, type CounterReading } from '../../actions/lib/analysis/request-share.js';
import { parsePrometheusText } from '../../actions/lib/analysis/providers/direct/text-format.js';

/** One pod's request counter as the service exposes it: `status → value`, in the text format (so `NaN` and `+Inf` are parsed as a scrape gives them). */
const counter = (series: Record<string, string>) =>
  parsePrometheusText(
    Object.entries(series)
      .map(([status, value]) => `http_requests_total{route="/api/items",status="${status}"} ${value}`)
      .join('\n'),
  );

const reading = (pods: Record<string, Record<string, string>>): CounterReading => new Map(Object.entries(pods).map(([pod, series]) => [pod, counter(series)]));

describe('servedBetween: one pod between two readings, as PromQL increase()', () => {
  it.each([
    ['grew', { 200: '100', 500: '4' }, { 200: '130', 500: '6' }, { requests: 32 }],
    ['did not change', { 200: '100' }, { 200: '100' }, { requests: 0 }],
    // A restarted pod: its counter went back to zero and counted 7 since; the 7 are the increase.
    ['went backwards (a restart): the new value is the increase', { 200: '100' }, { 200: '7' }, { requests: 7 }],
    ['restarted and served nothing yet', { 200: '100' }, { 200: '0' }, { requests: 0 }],
    // Series by series: one reset does not hide the growth of another.
    ['one series reset, another grew', { 200: '100', 500: '3' }, { 200: '2', 500: '5' }, { requests: 4 }],
    ['a series seen for the first time counts from zero', { 200: '100' }, { 200: '110', 503: '2' }, { requests: 12 }],
    ['a series gone since counts nothing', { 200: '100', 500: '9' }, { 200: '105' }, { requests: 5 }],
    ['a new pod (no reading before) counts from zero', {}, { 200: '40' }, { requests: 40 }],
    ['an empty scrape after an empty one', {}, {}, { requests: 0 }],
    ['an empty scrape after counts', { 200: '100' }, {}, { requests: 0 }],
  ])('a counter that %s', (_, before, after, expected) => {
    expect(servedBetween(counter(before), counter(after))).toEqual(expected);
  });

  it.each([
    ['NaN now', { 200: '100' }, { 200: 'NaN' }, 'NaN'],
    ['+Inf now', { 200: '100' }, { 200: '+Inf' }, 'Infinity'],
    ['-Inf now', { 200: '100' }, { 200: '-Inf' }, '-Infinity'],
    ['negative now', { 200: '100' }, { 200: '-5' }, '-5'],
    ['NaN before', { 200: 'Nan' }, { 200: '10' }, 'NaN'],
    ['negative in one series of several', { 200: '1' }, { 200: '2', 500: '-1' }, '-1'],
  ])('a counter that reads %s is a problem naming the series and the value, not a number', (_, before, after, value) => {
    const served = servedBetween(counter(before), counter(after));
    expect(served).toEqual({ problem: expect.stringContaining(`reads ${value}, which is not a request count`) as string });
    expect((served as { problem: string }).problem).toContain('http_requests_total{route="/api/items",status=');
  });
});

describe('windowRequests: a group of pods over a window', () => {
  it.each([
    ['each pod grew', { a: { 200: '10' }, b: { 200: '20' } }, { a: { 200: '15' }, b: { 200: '26' } }, 11],
    ['a pod restarted during the window', { a: { 200: '10' }, b: { 200: '900' } }, { a: { 200: '15' }, b: { 200: '3' } }, 8],
    ['a pod gone by the end counts nothing', { a: { 200: '10' }, b: { 200: '20' } }, { a: { 200: '12' } }, 2],
    ['a new pod (started during the window) counts from zero', { a: { 200: '10' } }, { a: { 200: '12' }, b: { 200: '5' } }, 7],
    ['every pod replaced', { a: { 200: '10' } }, { c: { 200: '3' } }, 3],
    ['a pod with an empty scrape counts nothing', { a: { 200: '10' } }, { a: {}, b: { 200: '1' } }, 1],
    ['no pod at either end', {}, {}, 0],
  ])('%s', (_, start, end, requests) => {
    expect(windowRequests(reading(start), reading(end))).toEqual({ requests, problems: [] });
  });

  it('a pod whose counter is no count makes the total unknown and names the pod, never a smaller total', () => {
    const counted = windowRequests(reading({ a: { 200: '10' }, b: { 200: '10' } }), reading({ a: { 200: '50' }, b: { 200: 'NaN' } }));
    expect(counted.requests).toBeUndefined();
    expect(counted.problems).toEqual([expect.stringMatching(/^pod b: its counter http_requests_total\{.*\} reads NaN, which is not a request count$/)]);
  });
});
