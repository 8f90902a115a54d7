import { afterEach, describe, expect, it } from 'vitest';
import { daysBetween, dueBeforeMeeting, emailParts, fmtWhen, isOverdue, moveItem, overdueText, parseAttendees, parseDay, parseWhen, richParts, whenChunks, whenText, without } from './plan';
import { m } from '../../paraglide/messages';
import { setLocale } from '../../paraglide/runtime';

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

describe('in Chinese', () => {
  afterEach(() => setLocale('en', { reload: false }));
  it('counts days and says what to fix in the window language', () => {
    setLocale('zh-HK', { reload: false });
    expect(overdueText('2026-03-01', '2026-03-02')).toBe('逾期 1 天');
    expect(overdueText('2026-03-02', '2026-03-02')).toBe('今天到期');
    expect(overdueText('2026-03-05', '2026-03-02')).toBe('3 天後到期');
    expect(parseWhen('2026-02-30 10:00').error).toBe('沒有 2026-02-30 這一天。');
    expect(parseDay('2026-02-30').error).toBe('沒有 2026-02-30 這一天。');
    expect(parseDay('03/09/2026').error).toMatch(/年-月-日/);
  });
  it('reads a meeting time back with its weekday', () => {
    setLocale('zh-HK', { reload: false });
    expect(fmtWhen('2026-03-12T14:30')).toBe('2026年3月12日（星期四）14:30');
    expect(fmtWhen('2026-03-12T14:30', 'en')).toBe('Thu 12 Mar 2026, 14:30');
  });
});

describe('plurals', () => {
  it('says one and many in English', () => {
    expect(overdueText('2026-03-03', '2026-03-02')).toBe('due in 1 day');
    expect(overdueText('2026-03-04', '2026-03-02')).toBe('due in 2 days');
    expect(m.mtg_conflicts_count({ count: 1 })).toBe('1 conflict of interest');
    expect(m.mtg_conflicts_count({ count: 2 })).toBe('2 conflicts of interest');
    expect(m.ltr_saved({ count: 1 })).toBe('Letter saved');
    expect(m.ltr_saved({ count: 3 })).toBe('3 letters saved');
    expect(m.ltr_result_moved({ count: 1 })).toBe('; 1 entity moved');
    expect(m.ltr_result_moved({ count: 2 })).toBe('; 2 entities moved');
  });
});

describe('richParts', () => {
  it('cuts a message at the marked placeholders, wherever the language puts them', () => {
    const v = { name: 'Alpha Ltd', from: 'Evaluation', to: 'Invited to dialogue' };
    const en = richParts(m.mtg_move_body, v, ['name', 'from', 'to']);
    expect(en.map((p) => p.text).join('')).toBe('Add Alpha Ltd to this meeting. Should it also move from Evaluation to Invited to dialogue? The move is recorded in its history.');
    expect(en.filter((p) => p.key).map((p) => p.key)).toEqual(['name', 'from', 'to']);
    const zh = richParts((i: typeof v) => m.mtg_move_body(i, { locale: 'zh-HK' }), { ...v, from: '評審中', to: '已邀請對話' }, ['name', 'from', 'to']);
    expect(zh[0]).toEqual({ text: '將', key: '' });
    expect(zh[1]).toEqual({ text: 'Alpha Ltd', key: 'name' });
  });
  it('passes a plural count through unmarked', () => {
    const one = richParts(m.ltr_result_files, { count: 1, dir: '/tmp/x', more: '' }, ['dir']);
    expect(one).toEqual([
      { text: '1 file saved in ', key: '' },
      { text: '/tmp/x', key: 'dir' },
      { text: ' and recorded in the ledger.', key: '' },
    ]);
    const many = richParts(m.ltr_result_files, { count: 2, dir: '/tmp/x', more: m.ltr_result_moved({ count: 1 }) }, ['dir']);
    expect(many.map((p) => p.text).join('')).toBe('2 files saved in /tmp/x and recorded in the ledger; 1 entity moved.');
  });
});

describe('emailParts', () => {
  it('breaks only after the @', () => {
    expect(emailParts('ann.lee@harbour-university.example')).toEqual(['ann.lee@', 'harbour-university.example']);
    expect(emailParts('no-at-sign')).toEqual(['no-at-sign']);
    expect(emailParts('trailing@')).toEqual(['trailing@']);
  });
});

describe('whenChunks', () => {
  it('cuts between the weekday, the date and the time only', () => {
    expect(whenChunks('Thu 12 Mar 2026, 14:30')).toEqual(['Thu ', '12 Mar 2026, ', '14:30']);
    expect(whenChunks('2026年3月12日（星期四）14:30')).toEqual(['2026年3月12日', '（星期四）', '14:30']);
    expect(whenChunks('2026-03-12')).toEqual(['2026-03-12']);
  });
});
