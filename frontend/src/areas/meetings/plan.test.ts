import { describe, expect, it } from 'vitest';
import { daysBetween, fmtWhen, isOverdue, moveItem, overdueText, parseAttendees, without } from './plan';

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
