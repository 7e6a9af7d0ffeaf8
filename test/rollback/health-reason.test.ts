import { describe, expect, it } from 'vitest';
import { failureReason } from '../../actions/rollback/src/health.js';

describe("the reason a failing health URL gives, as the rollback's health check reports it", () => {
  it.each([
    { body: '{"status":"unavailable","reason":"database schema lacks column items.name"}', reason: 'database schema lacks column items.name' },
    { body: '{"statusCode":503,"message":"Service Unavailable"}', reason: 'Service Unavailable' },
    { body: '{"error":"db down"}', reason: 'db down' },
    { body: 'upstream connect error\nreset reason: overflow', reason: 'upstream connect error' },
    { body: '{"reason":42}', reason: '{"reason":42}' },
    { body: 'null', reason: 'null' },
    { body: '{"reason":"  "}', reason: '{"reason":"  "}' },
    { body: '', reason: undefined },
    { body: ' \n\t', reason: undefined },
  ])('$body → $reason', ({ body, reason }) => {
    expect(failureReason(body)).toBe(reason);
  });

  it('abbreviates a huge reason to one line of 200 characters', () => {
    const reason = failureReason(JSON.stringify({ reason: `<img src=x onerror=alert(1)>\n${'x'.repeat(10_000)}` }));
    expect(reason).toHaveLength(200);
    expect(reason).toMatch(/^<img src=x onerror=alert\(1\)>\\nx+\.\.\.$/);
  });
});
