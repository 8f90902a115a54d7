import { describe, expect, it } from 'vitest';
import { type RankRowLike, equalWeights, fmtScore, keyScore, rankLabel, scoredCount, sortRanking, spread, stepAspect, weightsTotal, recClass } from './scoring';

describe('keyScore', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    ['0', null],
    ['6', null],
    ['a', null],
    ['Tab', null],
  ])('%s -> %s', (key, want) => {
    expect(keyScore(key)).toBe(want);
  });
});

describe('stepAspect', () => {
  it('clamps', () => {
    expect(stepAspect(0, -1, 7)).toBe(0);
    expect(stepAspect(6, 1, 7)).toBe(6);
    expect(stepAspect(2, 1, 7)).toBe(3);
    expect(stepAspect(0, 1, 0)).toBe(-1);
  });
});

describe('sortRanking', () => {
  const rows: RankRowLike[] = [
    { rank: 1, tied: true, name: 'Beta', statusLabel: 'Invited', total: 3.2, evaluations: 1, recommendation: 'invite', means: { jobs: 2 } },
    { rank: 1, tied: true, name: 'Alpha', statusLabel: 'Evaluation', total: 3.2, evaluations: 2, recommendation: 'hold', means: { jobs: 4 } },
    { rank: 3, tied: false, name: 'Gamma', statusLabel: 'Evaluation', total: 2.8, evaluations: 1, recommendation: 'invite', means: {} },
  ];
  it('keeps ties in name order under rank', () => {
    expect(sortRanking(rows, 'rank', false).map((r) => r.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
  });
  it('sorts by an aspect mean, missing last', () => {
    expect(sortRanking(rows, 'jobs', true).map((r) => r.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(sortRanking(rows, 'jobs', false).map((r) => r.name)).toEqual(['Beta', 'Alpha', 'Gamma']);
  });
  it('sorts by total descending with rank as tiebreak', () => {
    expect(sortRanking(rows, 'total', true).map((r) => r.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
  });
});

describe('labels', () => {
  it('shows ties', () => {
    expect(rankLabel({ rank: 2, tied: true })).toBe('=2');
    expect(rankLabel({ rank: 3, tied: false })).toBe('3');
  });
  it('formats scores', () => {
    expect(fmtScore(3.14159)).toBe('3.14');
    expect(fmtScore(null)).toBe('—');
  });
  it('counts scored aspects and spreads', () => {
    expect(scoredCount({ a: 3, b: 0 }, ['a', 'b', 'c'])).toBe(1);
    expect(spread([2, 4, 3])).toBe(2);
    expect(spread([4])).toBe(0);
  });
});

describe('weights', () => {
  const aspects = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  it('equal weights total 100', () => {
    const w = equalWeights(aspects);
    expect(weightsTotal(w, aspects)).toEqual({ total: 100, ok: true });
    expect(Object.values(w)).toEqual([14.29, 14.29, 14.29, 14.29, 14.28, 14.28, 14.28]);
    expect(equalWeights(['x', 'y', 'z'])).toEqual({ x: 33.34, y: 33.33, z: 33.33 });
  });
  it('counts the total exactly: 7 x 14.29 is 100.03, not 100', () => {
    const w = Object.fromEntries(aspects.map((a) => [a, 14.29]));
    expect(weightsTotal(w, aspects)).toEqual({ total: 100.03, ok: false });
  });
  it('flags a bad total', () => {
    expect(weightsTotal({ a: 50, b: 40 }, aspects)).toEqual({ total: 90, ok: false });
  });
});

describe('recClass', () => {
  it('gives each recommendation its own colour', () => {
    const codes = ['invite', 'more_info', 'hold', 'decline'];
    const classes = codes.map(recClass);
    expect(new Set(classes).size).toBe(codes.length);
    expect(recClass('hold')).not.toBe(recClass('invite'));
  });
});
