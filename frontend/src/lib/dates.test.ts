import { describe, expect, it } from 'vitest';
import { dayOk, daysIn, fmtDate, fmtDateTime, fmtTime, fmtWhen, parseDay } from './dates';

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

describe('a typed day', () => {
  it('reads a day the calendar has', () => {
    expect(parseDay(' 2026-12-03 ')).toEqual({ kind: 'ok', iso: '2026-12-03' });
    expect(parseDay('2028-02-29')).toEqual({ kind: 'ok', iso: '2028-02-29' });
    expect(parseDay('2000-02-29').kind).toBe('ok');
    expect(parseDay('')).toEqual({ kind: 'empty' });
  });
  it('says which day does not exist', () => {
    expect(parseDay('2026-02-31')).toEqual({ kind: 'no-day', year: 2026, month: 2, days: 28 });
    expect(parseDay('2026-02-29')).toEqual({ kind: 'no-day', year: 2026, month: 2, days: 28 });
    expect(parseDay('1900-02-29')).toEqual({ kind: 'no-day', year: 1900, month: 2, days: 28 });
    expect(parseDay('2026-04-31')).toEqual({ kind: 'no-day', year: 2026, month: 4, days: 30 });
    expect(parseDay('2026-04-00')).toEqual({ kind: 'no-day', year: 2026, month: 4, days: 30 });
    expect(parseDay('2026-13-01')).toEqual({ kind: 'no-month', month: 13 });
    expect(parseDay('2026-00-10')).toEqual({ kind: 'no-month', month: 0 });
  });
  it('tells text that is no day from a day that does not exist', () => {
    for (const s of ['soon', '2026-2-3', '03/12/2026', '2026-12-03x', '2026-12']) expect(parseDay(s).kind).toBe('unreadable');
  });
  it('lets only a day that exists be saved', () => {
    expect(dayOk('2026-12-03')).toBe(true);
    expect(dayOk('')).toBe(true);
    expect(dayOk('', false)).toBe(false);
    expect(dayOk('2026-02-31')).toBe(false);
    expect(dayOk('2026-13-01')).toBe(false);
    expect(dayOk('soon')).toBe(false);
  });
  it('never reads back a day that does not exist', () => {
    expect(fmtDate('2026-02-31', 'en')).toBe('');
    expect(fmtDate('2026-02-28', 'en')).toBe('28 Feb 2026');
    expect(daysIn(2024, 2)).toBe(29);
    expect(daysIn(2026, 12)).toBe(31);
  });
});
