import { describe, expect, it } from 'vitest';
import { fmtDate, fmtDateTime, fmtTime, fmtWhen } from './dates';

describe('dates in the house style', () => {
  it('writes a day in each language', () => {
    expect(fmtDate('2026-12-03', 'en')).toBe('3 Dec 2026');
    expect(fmtDate('2026-12-03', 'zh-HK')).toBe('2026年12月3日');
    expect(fmtDate('2026-03', 'en')).toBe('Mar 2026');
    expect(fmtDate('2026-03', 'zh-HK')).toBe('2026年3月');
    expect(fmtDate('2026-13-01', 'en')).toBe('');
    expect(fmtDate('soon', 'en')).toBe('');
  });
  it('writes a moment with the 24-hour clock', () => {
    const d = new Date(2026, 11, 3, 15, 30);
    expect(fmtDateTime(d, 'en')).toBe('3 Dec 2026, 15:30');
    expect(fmtDateTime(d, 'zh-HK')).toBe('2026年12月3日 15:30');
    expect(fmtTime(new Date(2026, 0, 1, 8, 4))).toBe('08:04');
    expect(fmtDateTime('not a time', 'en')).toBe('');
  });
  it('names the weekday of a meeting', () => {
    expect(fmtWhen('2026-12-03T09:05', 'en')).toBe('Thu 3 Dec 2026, 09:05');
    expect(fmtWhen('2026-12-03T09:05', 'zh-HK')).toBe('2026年12月3日（星期四）09:05');
    expect(fmtWhen('later', 'en')).toBe('later');
  });
});
