import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../actions/lib/inputs.js';
import type { Report } from '../../actions/lib/analysis/report.js';
import { progressiveCanaryInputs } from '../../actions/progressive-canary/src/inputs.js';
import { decideStep } from '../../actions/progressive-canary/src/steps.js';
import { HOSTILE_VALUES } from '../harness/hostile.js';

const stepsOf = (value: string) => parseInputs({ steps: progressiveCanaryInputs.steps }, { read: () => value }).steps;

describe('the steps input', () => {
  it.each([
    ['', [10, 25, 50]],
    ['10,25,50', [10, 25, 50]],
    [' 5, 50 ,99 ', [5, 50, 99]],
    ['1', [1]],
  ])('%j → %j', (value, steps) => {
    expect(stepsOf(value)).toEqual(steps);
  });

  it.each([
    ['25,10', 'step 2 (10) is not above step 1 (25)'],
    ['10,10', 'step 2 (10) is not above step 1 (10)'],
    ['10,,50', 'step 2 is empty'],
    ['0,50', 'step 1 is 0'],
    ['10,100', 'step 2 is not a whole number from 1 to 99'],
    ['10.5', 'step 1 is not a whole number from 1 to 99'],
    ['-10', 'step 1 is not a whole number from 1 to 99'],
    ['NaN', 'step 1 is not a whole number from 1 to 99'],
    ['10;25', 'step 1 is not a whole number from 1 to 99'],
    [Array.from({ length: 21 }, (_, index) => index + 1).join(','), '21 steps'],
  ])('%j is refused: %s', (value, problem) => {
    expect(() => stepsOf(value)).toThrow(`Input "steps" has value`);
    expect(() => stepsOf(value)).toThrow(problem);
  });

  it.each(HOSTILE_VALUES.map(({ label, value }) => [label, value]))('%s is refused naming the input', (_, value) => {
    expect(() => stepsOf(value)).toThrow(/Input "steps" has value .*: expected a comma separated list/);
  });
});

type Judged = Pick<Report, 'verdict' | 'metrics'>;
const metric = (result: 'pass' | 'fail' | 'no-data') => ({ result, name: `m-${result}` }) as Report['metrics'][number];
const judged = (verdict: Judged['verdict'], ...results: Array<'pass' | 'fail' | 'no-data'>): Judged => ({ verdict, metrics: results.map(metric) });

describe('what a step decides', () => {
  it.each([
    ['promote, not the last step', judged('promote', 'pass'), 'rollback', false, 'next'],
    ['promote at the last step', judged('promote', 'pass'), 'rollback', true, 'promote'],
    ['rollback', judged('rollback', 'fail'), 'promote', false, 'rollback'],
    ['inconclusive with data, on-inconclusive rollback', judged('inconclusive', 'pass', 'fail'), 'rollback', false, 'rollback'],
    ['inconclusive with data, on-inconclusive promote', judged('inconclusive', 'pass', 'fail'), 'promote', false, 'next'],
    ['inconclusive with data at the last step, on-inconclusive promote', judged('inconclusive', 'pass', 'fail'), 'promote', true, 'promote'],
    ['inconclusive on missing data, on-inconclusive promote', judged('inconclusive', 'pass', 'no-data'), 'promote', false, 'rollback'],
    ['inconclusive on missing data at the last step', judged('inconclusive', 'no-data'), 'promote', true, 'rollback'],
    ['inconclusive with nothing measured', judged('inconclusive'), 'promote', true, 'rollback'],
  ] as const)('%s → %s', (_, report, onInconclusive, isLast, decision) => {
    expect(decideStep(report, onInconclusive, isLast).decision).toBe(decision);
  });

  it('says why it will not go on without data', () => {
    expect(decideStep(judged('inconclusive', 'no-data'), 'promote', false).why).toMatch(/m-no-data had no data: never going on without data/);
  });
});
