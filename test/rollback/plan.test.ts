import { describe, expect, it } from 'vitest';
import { chooseRollbackTarget, type Revision } from '../../actions/rollback/src/plan.js';

const revision = (number: number, failed = false): Revision => ({ number, failed, images: [`inventory-service:${number}`] });

describe('chooseRollbackTarget', () => {
  it('returns to the previous revision by default', () => {
    expect(chooseRollbackTarget([revision(1), revision(2), revision(3)], 3, undefined)).toEqual({ target: revision(2), skipped: [] });
  });

  it('skips revisions marked failed (after an automatic rollback the previous one is the bad release)', () => {
    // 2 was good, 3 failed and was rolled back automatically, so 4 runs 2's template.
    expect(chooseRollbackTarget([revision(1), revision(3, true), revision(4)], 4, undefined)).toEqual({ target: revision(1), skipped: [revision(3, true)] });
  });

  it('honours a named revision and lists the revisions there are when it does not exist', () => {
    expect(chooseRollbackTarget([revision(1), revision(2), revision(3)], 3, 1).target).toEqual(revision(1));
    expect(() => chooseRollbackTarget([revision(1), revision(2, true), revision(3)], 3, 7)).toThrow(
      'Input "to-revision" has value "7": no such revision; the revisions there are 3 (current), 2 (failed), 1',
    );
  });

  it('has nothing to return to on a first deploy', () => {
    expect(() => chooseRollbackTarget([revision(1)], 1, undefined)).toThrow('There is no earlier revision that deployed successfully');
  });
});
