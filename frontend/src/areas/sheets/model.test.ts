import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getLocale, overwriteGetLocale } from '../../paraglide/runtime';
import { alphaReading, emptySheets, fmtAlpha, fmtDate, fmtDay, leftOut, namesText, stateBadge, stateText } from './model';

describe('leftOut and emptySheets', () => {
  it('names the chosen entities an evaluator is conflicted with, in the chosen order', () => {
    expect(leftOut([7, 3, 12], [12, 3, 99])).toEqual([3, 12]);
    expect(leftOut([7], [])).toEqual([]);
  });
  it('finds the evaluators whose sheet would be empty', () => {
    const evs = [
      { name: 'A', conflicted: [1, 2] },
      { name: 'B', conflicted: [1] },
      { name: 'C', conflicted: [] },
    ];
    expect(emptySheets([1, 2], evs)).toEqual(['A']);
    expect(emptySheets([1], evs)).toEqual(['A', 'B']);
    expect(emptySheets([], evs)).toEqual([]);
  });
});

describe('stateText', () => {
  it('reads each state', () => {
    expect(stateText({ state: 'out', due: '2026-03-10', returnedAt: '', daysLate: 0 })).toBe('Due 10 Mar 2026');
    expect(stateText({ state: 'overdue', due: '2026-03-10', returnedAt: '', daysLate: 1 })).toBe('Overdue by 1 day');
    expect(stateText({ state: 'overdue', due: '2026-03-10', returnedAt: '', daysLate: 4 })).toBe('Overdue by 4 days');
    expect(stateText({ state: 'returned', due: '2026-03-10', returnedAt: '2026-03-08T02:00:00Z', daysLate: 0 })).toBe('Returned 8 Mar 2026');
    expect(stateBadge('overdue')).toBe('overdue');
    expect(stateBadge('returned')).toBe('ok');
    expect(stateBadge('out')).toBe('');
  });
  it("gives a moment's day in the window's time zone, not UTC's", () => {
    vi.stubEnv('TZ', 'Asia/Hong_Kong');
    try {
      expect(fmtDay('2026-03-07T23:30:00Z')).toBe('8 Mar 2026');
      expect(fmtDay('2026-03-08T02:00:00Z')).toBe('8 Mar 2026');
      expect(stateText({ state: 'returned', due: '', returnedAt: '2026-03-07T16:00:00Z', daysLate: 0 })).toBe('Returned 8 Mar 2026');
    } finally {
      vi.unstubAllEnvs();
    }
    expect(fmtDay('2026-03-10')).toBe('10 Mar 2026');
    expect(fmtDay('soon')).toBe('soon');
  });
  it('leaves a text that is no date alone', () => {
    expect(fmtDate('soon')).toBe('soon');
  });
});

describe('namesText', () => {
  it('shortens long lists', () => {
    expect(namesText([])).toBe('');
    expect(namesText(['A'])).toBe('A');
    expect(namesText(['A', 'B'])).toBe('A and B');
    expect(namesText(['A', 'B', 'C'])).toBe('A, B and C');
    expect(namesText(['A', 'B', 'C', 'D', 'E'])).toBe('A, B and 3 more');
  });
});

describe('alpha', () => {
  it('formats and reads an alpha by Krippendorff’s thresholds', () => {
    expect(fmtAlpha(null)).toBe('—');
    expect(fmtAlpha(0.8154)).toBe('0.82');
    expect(alphaReading(0.815).tone).toBe('ok');
    expect(alphaReading(0.7).tone).toBe('warning');
    expect(alphaReading(0.667).tone).toBe('warning');
    expect(alphaReading(0.2).tone).toBe('danger');
    expect(alphaReading(-0.1).label).toBe('low agreement');
    expect(alphaReading(null).label).toBe('not yet measurable');
  });
});

describe('in Traditional Chinese', () => {
  let restore: () => void = () => {};
  beforeEach(() => {
    const before = getLocale;
    overwriteGetLocale(() => 'zh-HK');
    restore = () => overwriteGetLocale(before);
  });
  afterEach(() => restore());

  it('shortens a list with 、 and 及', () => {
    expect(namesText(['甲', '乙'])).toBe('甲及乙');
    expect(namesText(['甲', '乙', '丙'])).toBe('甲、乙及丙');
    expect(namesText(['甲', '乙', '丙', '丁', '戊'])).toBe('甲、乙及另外 3 個');
  });
  it('reads each state with the house style date', () => {
    expect(stateText({ state: 'out', due: '2026-03-10', returnedAt: '', daysLate: 0 })).toBe('限期：2026年3月10日');
    expect(stateText({ state: 'overdue', due: '2026-03-10', returnedAt: '', daysLate: 1 })).toBe('已逾期 1 日');
    expect(stateText({ state: 'returned', due: '2026-03-10', returnedAt: '2026-03-08T02:00:00Z', daysLate: 0 })).toBe('已於2026年3月8日交回');
    expect(alphaReading(0.2).label).toBe('一致程度偏低');
  });
});
