import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../actions/lib/errors.js';
import { judgeSmokeResponse, parseSmokeChecks, type SmokeCheck } from '../../actions/lib/smoke-checks.js';
import { HOSTILE_VALUES } from '../harness/hostile.js';

const one = (yaml: string): SmokeCheck => {
  const [check] = parseSmokeChecks(yaml);
  return check!;
};

describe('parseSmokeChecks: accepted', () => {
  test.each([
    ['empty input: no checks', '', []],
    ['an empty list', '[]', []],
    [
      'a bare path: GET, status 200, default timeout, port of the pod',
      '- /healthz',
      [{ method: 'GET', path: '/healthz', statuses: [200], timeoutSeconds: 10, headers: {} }],
    ],
  ])('%s', (_, yaml, expected) => expect(parseSmokeChecks(yaml)).toEqual(expected));

  test('every field', () => {
    const check = one(`
- method: POST
  path: /items?limit=5&sort=name
  port: 8080
  status: [200, 201]
  contains: '"ok"'
  json: { field: checks.0.status, equals: up }
  max-latency-ms: 500
  timeout-seconds: 3
  body: '{"sku":"a"}'
  headers: { Content-Type: application/json, X-Count: 3 }
`);
    expect(check).toEqual({
      method: 'POST',
      path: '/items?limit=5&sort=name',
      port: 8080,
      statuses: [200, 201],
      contains: '"ok"',
      json: { field: 'checks.0.status', equals: 'up' },
      maxLatencyMs: 500,
      timeoutSeconds: 3,
      body: '{"sku":"a"}',
      headers: { 'Content-Type': 'application/json', 'X-Count': '3' },
    });
  });

  test.each([
    ['every method', 'OPTIONS', (c: SmokeCheck) => c.method, 'OPTIONS'],
    ['status as one number', '- { path: /, status: 404 }', (c: SmokeCheck) => c.statuses, [404]],
    ['status as a digit string', "- { path: /, status: '204' }", (c: SmokeCheck) => c.statuses, [204]],
    ['status at the bounds', '- { path: /, status: [100, 599] }', (c: SmokeCheck) => c.statuses, [100, 599]],
    ['port at the bounds', '- { path: /, port: 65535 }', (c: SmokeCheck) => c.port, 65535],
    ['json equals a number', '- { path: /, json: { field: count, equals: 3 } }', (c: SmokeCheck) => c.json, { field: 'count', equals: 3 }],
    ['json equals null', '- { path: /, json: { field: error, equals: null } }', (c: SmokeCheck) => c.json, { field: 'error', equals: null }],
    ['json equals false', '- { path: /, json: { field: degraded, equals: false } }', (c: SmokeCheck) => c.json, { field: 'degraded', equals: false }],
    ['a dot inside a segment name is a path: a.b', '- { path: /, json: { field: a.b, equals: 1 } }', (c: SmokeCheck) => c.json?.field, 'a.b'],
    ['a path with dots inside names', '- /v1.2/file.json', (c: SmokeCheck) => c.path, '/v1.2/file.json'],
    ['a query with .. (only path segments are refused)', '- /search?q=..', (c: SmokeCheck) => c.path, '/search?q=..'],
    ['latency equal to the timeout', '- { path: /, max-latency-ms: 10000 }', (c: SmokeCheck) => c.maxLatencyMs, 10000],
  ])('near miss accepted: %s', (_, yaml, pick, expected) => {
    const text = yaml === 'OPTIONS' ? '- { method: OPTIONS, path: / }' : yaml;
    expect(pick(one(text))).toEqual(expected);
  });
});

describe('parseSmokeChecks: refused, naming the input, the check and the field', () => {
  test.each([
    // The document
    ['not YAML', '- [', /Input "verify" is not valid YAML/],
    ['a mapping, not a list', 'path: /healthz', /Input "verify" is not a list/],
    ['a plain string', '/healthz', /Input "verify" is not a list/],
    ['21 checks', Array.from({ length: 21 }, () => '- /').join('\n'), /has 21 checks: expected at most 20/],
    ['over 64 KiB', `- /${'a'.repeat(70_000)}`, /characters: expected at most 65536/],
    ['an alias (entity expansion)', '- &a /x\n- *a', /not valid YAML/],
    ['a duplicate key', '- { path: /, path: /x }', /not valid YAML/],
    ['a number as a check', '- 42', /check 1: "check" has value 42/],
    ['an unknown field', '- { path: /, url: http://x }', /check 1: "url" .*no such field/],
    ['no path', '- { method: GET }', /check 1: "path" .*a path starting with \//],
    // method
    ['a lower-case method', '- { method: get, path: / }', /"method" has value "get": expected one of GET, HEAD/],
    ['PATCH', '- { method: PATCH, path: / }', /"method"/],
    ['a flag as method', '- { method: --all, path: / }', /"method" has value "--all"/],
    // path
    ['a URL with a host', '- http://evil.example/healthz', /check 1: "path" has value "http:\/\/evil.example\/healthz": expected a path starting with \//],
    ['a scheme-relative URL', '- //evil.example/x', /"path"/],
    ['a flag as path', '- --all', /"path" has value "--all"/],
    ['a relative path', '- healthz', /"path"/],
    ['a .. segment', '- /a/../../secrets', /"path"/],
    ['a trailing ..', '- /..', /"path"/],
    ['a . segment', '- /./x', /"path"/],
    ['an encoded dot', '- /%2e%2e/secrets', /"path"/],
    ['an encoded slash', '- /a%2Fb', /"path"/],
    ['a space', "- '/a b'", /"path"/],
    ['a fragment', "- '/a#b'", /"path"/],
    ['a backslash', '- /a\\b', /"path"/],
    ['markup', "- '/<img src=x>'", /"path"/],
    ['a number as path', '- { path: 42 }', /"path" has value 42/],
    ['2049 characters', `- /${'a'.repeat(2048)}`, /"path"/],
    // port
    ['port 0', '- { path: /, port: 0 }', /"port" has value 0: expected a whole number from 1 to 65535/],
    ['port 65536', '- { path: /, port: 65536 }', /"port"/],
    ['a negative port', '- { path: /, port: -1 }', /"port" has value -1/],
    ['a fractional port', '- { path: /, port: 80.5 }', /"port"/],
    ['port NaN', '- { path: /, port: .nan }', /"port" has value null/],
    ['port Infinity', '- { path: /, port: .inf }', /"port"/],
    ['port in exponent form', "- { path: /, port: '8e1' }", /"port"/],
    ['a named port', '- { path: /, port: http }', /"port" has value "http"/],
    ['a flag as port', '- { path: /, port: --all }', /"port"/],
    // status
    ['status 99', '- { path: /, status: 99 }', /"status" has value 99: expected an HTTP status/],
    ['status 600', '- { path: /, status: 600 }', /"status"/],
    ['status 2xx', '- { path: /, status: 2xx }', /"status"/],
    ['an empty status list', '- { path: /, status: [] }', /"status"/],
    ['21 statuses', `- { path: /, status: [${Array(21).fill(200).join(',')}] }`, /"status"/],
    ['status NaN', '- { path: /, status: .nan }', /"status"/],
    // contains
    ['empty contains', "- { path: /, contains: '' }", /"contains" has value "": expected non-empty text/],
    ['contains of 1025 characters', `- { path: /, contains: ${'a'.repeat(1025)} }`, /"contains"/],
    ['a number as contains', '- { path: /, contains: 3 }', /"contains"/],
    // json
    ['json as text', '- { path: /, json: status=ok }', /"json" has value "status=ok"/],
    ['json without equals', '- { path: /, json: { field: status } }', /"json"/],
    ['json with another key', '- { path: /, json: { field: a, equals: 1, op: gt } }', /"json"/],
    ['a JSONPath field', "- { path: /, json: { field: '$.status', equals: 1 } }", /"json.field" has value "\$.status"/],
    ['an empty segment', '- { path: /, json: { field: a..b, equals: 1 } }', /"json.field"/],
    ['17 segments', `- { path: /, json: { field: ${Array(17).fill('a').join('.')}, equals: 1 } }`, /"json.field"/],
    ['equals a list', '- { path: /, json: { field: a, equals: [1] } }', /"json.equals"/],
    ['equals NaN', '- { path: /, json: { field: a, equals: .nan } }', /"json.equals"/],
    ['equals Infinity', '- { path: /, json: { field: a, equals: .inf } }', /"json.equals"/],
    // max-latency-ms and timeout-seconds
    ['latency 0', '- { path: /, max-latency-ms: 0 }', /"max-latency-ms" has value 0/],
    ['a negative latency', '- { path: /, max-latency-ms: -5 }', /"max-latency-ms"/],
    ['latency with a unit', '- { path: /, max-latency-ms: 500ms }', /"max-latency-ms" has value "500ms"/],
    [
      'latency over the timeout',
      '- { path: /, max-latency-ms: 5000, timeout-seconds: 2 }',
      /"max-latency-ms" has value 5000: expected at most the check's timeout-seconds/,
    ],
    ['timeout 0', '- { path: /, timeout-seconds: 0 }', /"timeout-seconds"/],
    ['timeout 61', '- { path: /, timeout-seconds: 61 }', /"timeout-seconds"/],
    // body
    ['a body on GET', "- { path: /, body: 'x' }", /"body" .*no body with method GET/],
    ['a body over 16 KiB', `- { method: POST, path: /, body: ${'a'.repeat(16_385)} }`, /"body"/],
    ['a mapping as body', '- { method: POST, path: /, body: { a: 1 } }', /"body"/],
    // headers
    ['headers as a list', '- { path: /, headers: [a] }', /"headers"/],
    ['a header name with a space', "- { path: /, headers: { 'X A': b } }", /"headers" has value "X A"/],
    ['a Host header', '- { path: /, headers: { Host: evil } }', /"headers" has value "Host": expected a header the request may set/],
    ['an Authorization header', '- { path: /, headers: { authorization: Bearer x } }', /"headers" has value "authorization"/],
    ['a header value with a newline (header injection)', '- { path: /, headers: { X-A: "a\\r\\nX-B: b" } }', /"headers.X-A"/],
    ['a mapping as header value', '- { path: /, headers: { X-A: { b: 1 } } }', /"headers.X-A"/],
    ['21 headers', `- { path: /, headers: { ${Array.from({ length: 21 }, (_, i) => `X-${i}: a`).join(', ')} } }`, /"headers"/],
  ])('%s', (_, yaml, message) => {
    expect(() => parseSmokeChecks(yaml)).toThrow(ConfigurationError);
    expect(() => parseSmokeChecks(yaml)).toThrow(message);
  });

  test('the check number counts from 1 and the input name is the one given', () => {
    expect(() => parseSmokeChecks('- /ok\n- /ok\n- { path: /, port: -1 }', 'smoke')).toThrow(/^Input "smoke", check 3: "port"/);
  });

  test.each(HOSTILE_VALUES.filter((hostile) => hostile.value.length < 60_000))('a hostile path: $label', ({ value }) => {
    expect(() => parseSmokeChecks(`- path: ${JSON.stringify(value)}`)).toThrow(/Input "verify"/);
  });

  test.each(HOSTILE_VALUES)('a hostile value as the whole input: $label', ({ value }) => {
    expect(() => parseSmokeChecks(value)).toThrow(/^Input "verify" (is not|has \d+ characters)/);
  });

  test('a hostile value is abbreviated in the message', () => {
    const error = (() => {
      try {
        parseSmokeChecks(`- path: ${'-eyJ'.repeat(5000)}`);
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error?.message.length).toBeLessThan(400);
  });
});

describe('judgeSmokeResponse', () => {
  const check = (yaml: string): SmokeCheck => one(yaml);
  const response = (status: number, body: string, milliseconds = 5, truncated = false) => ({ status, body, milliseconds, truncated });

  test.each([
    ['the expected status', '- /', response(200, ''), []],
    ['another expected status', '- { path: /, status: [200, 204] }', response(204, ''), []],
    ['a wrong status', '- /', response(500, 'boom'), ['status 500, expected 200']],
    ['the text found', '- { path: /, contains: ok }', response(200, 'all ok'), []],
    ['the text missing', '- { path: /, contains: ok }', response(200, 'down'), ['the body does not contain "ok"']],
    ['the text beyond what was read', '- { path: /, contains: ok }', response(200, 'xx', 5, true), ['the body (as far as it was read) does not contain "ok"']],
    ['a JSON field equal', '- { path: /, json: { field: db.status, equals: up } }', response(200, '{"db":{"status":"up"}}'), []],
    ['a JSON array index', '- { path: /, json: { field: items.1, equals: 2 } }', response(200, '{"items":[1,2]}'), []],
    [
      'a JSON field different',
      '- { path: /, json: { field: status, equals: up } }',
      response(200, '{"status":"down"}'),
      ['JSON field status is "down", expected "up"'],
    ],
    [
      'a JSON field of another type',
      '- { path: /, json: { field: count, equals: 1 } }',
      response(200, '{"count":"1"}'),
      ['JSON field count is "1", expected 1'],
    ],
    ['a JSON field missing', '- { path: /, json: { field: a.b, equals: 1 } }', response(200, '{"a":3}'), ['JSON field a.b is missing, expected 1']],
    [
      'an inherited name is missing',
      '- { path: /, json: { field: constructor, equals: 1 } }',
      response(200, '{}'),
      ['JSON field constructor is missing, expected 1'],
    ],
    ['a body that is not JSON', '- { path: /, json: { field: a, equals: 1 } }', response(200, '<html>'), ['the body is not JSON, so a cannot equal 1']],
    ['a truncated JSON body', '- { path: /, json: { field: a, equals: 1 } }', response(200, '{"a":1', 5, true), ['the body is too long to read as JSON for a']],
    ['fast enough', '- { path: /, max-latency-ms: 100 }', response(200, '', 100), []],
    ['too slow', '- { path: /, max-latency-ms: 100 }', response(200, '', 250.4), ['answered in 250 ms, expected at most 100 ms']],
    ['a non-finite time is too slow', '- { path: /, max-latency-ms: 100 }', response(200, '', NaN), ['answered in NaN ms, expected at most 100 ms']],
  ])('%s', (_, yaml, answer, problems) => expect(judgeSmokeResponse(check(yaml), answer)).toEqual(problems));
});
