import { describe, expect, it } from 'vitest';
import {
  hostnameMatches,
  hostnamesIntersect,
  pathMatches,
  selectListener,
  selectRule,
  WeightedRoundRobin,
  type RequestFacts,
  type ServedListener,
  type ServedRoute,
} from '../src/gateway/routing.js';
import type { RouteMatch } from '../src/gateway/spec.js';

function request(path: string, headers: Record<string, string> = {}, host = 'shop.example', method = 'GET'): RequestFacts {
  const url = new URL(path, 'http://x');
  return { host, path: url.pathname, method, headers, query: url.searchParams };
}

function route(key: string, created: string, matches: RouteMatch[][], hostnames: string[] = []): ServedRoute {
  return { key, creationTimestamp: created, hostnames, rules: matches.map((ruleMatches, index) => ({ index, matches: ruleMatches, backends: [] })) };
}

const prefix = (value: string): RouteMatch => ({ path: { type: 'PathPrefix', value } });

describe('Gateway routing (HTTPRouteRule.Matches precedence and path semantics)', () => {
  it('matches PathPrefix by whole path elements and Exact exactly', () => {
    expect(pathMatches({ type: 'PathPrefix', value: '/api' }, '/api')).toBe(true);
    expect(pathMatches({ type: 'PathPrefix', value: '/api/' }, '/api/items')).toBe(true);
    expect(pathMatches({ type: 'PathPrefix', value: '/api' }, '/apis')).toBe(false);
    expect(pathMatches({ type: 'PathPrefix', value: '/' }, '/anything')).toBe(true);
    expect(pathMatches({ type: 'Exact', value: '/api' }, '/api/')).toBe(false);
    expect(pathMatches({ type: 'RegularExpression', value: '/items/[0-9]+' }, '/items/12')).toBe(true);
    expect(pathMatches({ type: 'RegularExpression', value: '/items/[0-9]+' }, '/items/12/x')).toBe(false);
  });

  it('gives precedence to Exact, then the longest prefix, then method, headers and query matches, then the oldest route', () => {
    const listener: ServedListener = {
      name: 'http',
      port: 80,
      routes: [
        route('shop/young', '2026-01-02T00:00:00Z', [[prefix('/')], [{ ...prefix('/'), headers: [{ type: 'Exact', name: 'X-Canary', value: 'on' }] }]]),
        route('shop/old', '2026-01-01T00:00:00Z', [[prefix('/')], [prefix('/api')], [{ path: { type: 'Exact', value: '/api/health' } }]]),
      ],
    };
    const pick = (facts: RequestFacts): string => {
      const selection = selectRule(listener, facts);
      return `${selection?.route.key}#${selection?.rule.index}`;
    };
    expect(pick(request('/api/health'))).toBe('shop/old#2');
    expect(pick(request('/api/items'))).toBe('shop/old#1');
    expect(pick(request('/', { 'x-canary': 'on' }))).toBe('shop/young#1');
    expect(pick(request('/', { 'x-canary': 'off' }))).toBe('shop/old#0');
  });

  it('matches hostnames with wildcards as suffixes of one or more labels, and picks the most specific listener', () => {
    expect(hostnameMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostnamesIntersect('*.example.com', 'shop.example.com')).toBe(true);
    expect(hostnamesIntersect('shop.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('shop.example.com', 'other.example.com')).toBe(false);
    const listeners: ServedListener[] = [
      { name: 'any', port: 80, routes: [] },
      { name: 'wild', port: 80, hostname: '*.example.com', routes: [] },
      { name: 'exact', port: 80, hostname: 'shop.example.com', routes: [] },
    ];
    expect(selectListener(listeners, 'shop.example.com')?.name).toBe('exact');
    expect(selectListener(listeners, 'blog.example.com')?.name).toBe('wild');
    expect(selectListener(listeners, 'localhost')?.name).toBe('any');
    const routed: ServedListener = { name: 'any', port: 80, routes: [route('shop/r', '2026-01-01T00:00:00Z', [[prefix('/')]], ['shop.example.com'])] };
    expect(selectRule(routed, request('/', {}, 'blog.example.com'))).toBeUndefined();
  });
});

describe('WeightedRoundRobin', () => {
  it('gives each backend exactly its weight over every sum of weights, interleaved, and nothing to weight 0', () => {
    const balancer = new WeightedRoundRobin();
    const picks = Array.from({ length: 100 }, () => balancer.pick('rule', [90, 10, 0]));
    expect(picks.filter((pick) => pick === 1)).toHaveLength(10);
    expect(picks.filter((pick) => pick === 2)).toHaveLength(0);
    expect(picks.slice(0, 10).filter((pick) => pick === 1)).toHaveLength(1);
  });

  it('starts over when the weights change, and picks nothing when all are 0', () => {
    const balancer = new WeightedRoundRobin();
    balancer.pick('rule', [3, 1]);
    expect(Array.from({ length: 4 }, () => balancer.pick('rule', [1, 1])).sort()).toEqual([0, 0, 1, 1]);
    expect(balancer.pick('rule', [0, 0])).toBeUndefined();
  });
});
