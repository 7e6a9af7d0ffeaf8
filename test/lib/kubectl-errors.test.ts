import { describe, expect, it } from 'vitest';
import { isForbidden, isUnreachable, KubectlError } from '../../actions/lib/kubernetes/kubectl.js';

const failure = (stderr: string) => new KubectlError(['get', 'pods'], 1, stderr);

describe('isUnreachable: kubectl could not reach the API server', () => {
  it.each([
    // A warm discovery cache: kubectl fails on the request itself.
    'The connection to the server 127.0.0.1:44741 was refused - did you specify the right host or port?',
    // Discovery fails first (a cold cache).
    'E1201 17:30:00.000000 memcache.go:265] couldn\'t get current server API group list: Get "https://127.0.0.1:6443/api": dial tcp 127.0.0.1:6443: connect: connection refused',
    'Unable to connect to the server: dial tcp: lookup cluster.example: no such host',
    'Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout',
  ])('%s', (stderr) => {
    const error = failure(stderr);
    expect(isUnreachable(error)).toBe(true);
    expect(error.message).toContain('the API server could not be reached');
  });

  it.each([
    'Error from server (NotFound): deployments.apps "x" not found',
    'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:shop:ci" cannot list resource "pods"',
    'error: the server doesn\'t have a resource type "widgets"',
    '',
  ])('not for an answer from the server: %s', (stderr) => {
    expect(isUnreachable(failure(stderr))).toBe(false);
  });

  it('a 403 is a refusal, not an outage', () => {
    const error = failure('Error from server (Forbidden): pods is forbidden: User "ci" cannot list resource "pods" in API group "" in the namespace "shop"');
    expect(isForbidden(error)).toBe(true);
    expect(isUnreachable(error)).toBe(false);
  });
});
