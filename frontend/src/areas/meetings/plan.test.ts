import { describe, expect, it } from 'vitest';
import { daysBetween, dueBeforeMeeting, fmtWhen, isOverdue, moveItem, overdueText, parseAttendees, parseDay, parseWhen, whenText, without } from './plan';

describe('moveItem', () => {
  it.each([
    [[1, 2, 3], 0, 1, [2, 1, 3]],
    [[1, 2, 3], 2, -1, [1, 3, 2]],
    [[1, 2, 3], 0, -1, [1, 2, 3]],
    [[1, 2, 3], 2, 5, [1, 2, 3]],
  ])('%j move %i by %i', (list, i, d, want) => {
    expect(moveItem(list, i, d)).toEqual(want);
  });
});

describe('overdue', () => {
  it('needs a past due date and not done', () => {
    expect(isOverdue({ due: '2026-03-01', done: false }, '2026-03-02')).toBe(true);
    expect(isOverdue({ due: '2026-03-02', done: false }, '2026-03-02')).toBe(false);
    expect(isOverdue({ due: '2026-03-01', done: true }, '2026-03-02')).toBe(false);
    expect(isOverdue({ due: '', done: false }, '2026-03-02')).toBe(false);
  });
  it('counts days', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(overdueText('2026-03-01', '2026-03-02')).toBe('1 day overdue');
    expect(overdueText('2026-02-20', '2026-03-02')).toBe('10 days overdue');
    expect(overdueText('2026-03-02', '2026-03-02')).toBe('due today');
  });
});

describe('text helpers', () => {
  it('parses attendees', () => {
    expect(parseAttendees(' Ann Lee \n\nBo Chan; Cy Ho ')).toEqual(['Ann Lee', 'Bo Chan', 'Cy Ho']);
  });
  it('formats a local time', () => {
    expect(fmtWhen('2026-03-12T14:30')).toMatch(/12 Mar 2026, 14:30$/);
    expect(fmtWhen('nonsense')).toBe('nonsense');
  });
  it('removes an id', () => {
    expect(without([3, 4, 5], 4)).toEqual([3, 5]);
  });
});

describe('the meeting date and time field (ISO order, 24-hour)', () => {
  it('reads what the officer types', () => {
    expect(parseWhen('2026-03-02 14:30')).toEqual({ value: '2026-03-02T14:30', error: '' });
    expect(parseWhen(' 2026-3-2  9:05 ')).toEqual({ value: '2026-03-02T09:05', error: '' });
    expect(parseWhen('2026-03-02T14:30')).toEqual({ value: '2026-03-02T14:30', error: '' });
    expect(parseWhen('')).toEqual({ value: '', error: '' });
  });
  it('says what to fix, never accepting US order', () => {
    expect(parseWhen('03/02/2026 2:30 PM').error).toMatch(/year-month-day and 24-hour/);
    expect(parseWhen('2026-03-02').error).toMatch(/Add the time, e.g. 2026-03-02 14:30/);
    expect(parseWhen('2026-02-30 10:00').error).toMatch(/no day 2026-02-30/);
    expect(parseWhen('2026-03-02 24:00').error).toMatch(/24-hour clock/);
  });
  it('shows the stored form back in the same order', () => {
    expect(whenText('2026-03-02T14:30')).toBe('2026-03-02 14:30');
    expect(whenText('')).toBe('');
    expect(parseWhen(whenText('2026-12-31T23:59')).value).toBe('2026-12-31T23:59');
  });
});

describe('dueBeforeMeeting', () => {
  it('warns of a follow-up due before the meeting day only', () => {
    expect(dueBeforeMeeting('2026-03-01', '2026-03-02T14:30')).toBe(true);
    expect(dueBeforeMeeting('2026-03-02', '2026-03-02T14:30')).toBe(false);
    expect(dueBeforeMeeting('2026-03-09', '2026-03-02T14:30')).toBe(false);
    expect(dueBeforeMeeting('', '2026-03-02T14:30')).toBe(false);
    expect(dueBeforeMeeting('2026-03-01', '')).toBe(false);
  });
});

describe('parseDay (a follow-up due date, ISO order)', () => {
  it('reads and normalises', () => {
    expect(parseDay('2026-3-9')).toEqual({ value: '2026-03-09', error: '' });
    expect(parseDay('')).toEqual({ value: '', error: '' });
  });
  it('refuses US order and impossible days in words', () => {
    expect(parseDay('03/09/2026').error).toMatch(/year-month-day, e.g. 2026-03-09/);
    expect(parseDay('2026-02-30').error).toMatch(/no day 2026-02-30/);
  });
});
