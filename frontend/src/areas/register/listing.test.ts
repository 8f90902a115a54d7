import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../paraglide/runtime';
import {
  defaultQuery,
  filtered,
  fmtDate,
  fmtSize,
  missingText,
  moveSelection,
  pageOffset,
  rangeText,
  sortBy,
  statusFilterText,
  toggleCode,
  PAGE_SIZE,
} from './listing';

describe('sortBy', () => {
  it.each([
    ['name', 'updated_at', true, 'name', false],
    ['name twice', 'name', false, 'name', true],
    ['score', 'name', false, 'score', true],
    ['missing again', 'missing', true, 'missing', false],
  ] as const)('%s', (_n, from, fromDesc, key, wantDesc) => {
    const q = sortBy({ ...defaultQuery(), sort: from, desc: fromDesc, offset: 200 }, key);
    expect(q.sort).toBe(key);
    expect(q.desc).toBe(wantDesc);
    expect(q.offset).toBe(0);
  });
});

describe('filtered', () => {
  it('is false for the default query, even with a search', () => {
    expect(filtered({ ...defaultQuery(), search: 'cell' })).toBe(false);
  });
  it.each([{ statuses: ['received'] }, { atpType: 'gene_therapy' }, { completeness: 'incomplete' as const }])('%j', (patch) => {
    expect(filtered({ ...defaultQuery(), ...patch })).toBe(true);
  });
});

describe('paging', () => {
  it.each([
    [0, 0, 0, 'No entities'],
    [0, 1, 1, '1 entity'],
    [0, 40, 40, '40 entities'],
    [0, 100, 10000, '1–100 of 10,000'],
    [9900, 100, 10000, '9,901–10,000 of 10,000'],
  ])('range %d %d %d', (offset, shown, total, want) => {
    expect(rangeText(offset, shown, total)).toBe(want);
  });
  it.each([
    [0, 10000, 1, PAGE_SIZE],
    [0, 10000, -1, 0],
    [9900, 10000, 1, 9900],
    [100, 10000, -1, 0],
  ] as const)('page from %d of %d by %d', (offset, total, step, want) => {
    expect(pageOffset(offset, total, step)).toBe(want);
  });
});

describe('moveSelection', () => {
  it.each([
    [-1, 5, 'ArrowDown', 0],
    [4, 5, 'ArrowDown', 4],
    [0, 5, 'ArrowUp', 0],
    [3, 5, 'Home', 0],
    [1, 5, 'End', 4],
    [2, 0, 'ArrowDown', -1],
  ])('%d of %d %s', (cur, n, key, want) => {
    expect(moveSelection(cur, n, key)).toBe(want);
  });
});

describe('formatting', () => {
  it.each([
    ['2026-03-05', '5 Mar 2026'],
    ['2027-11', 'Nov 2027'],
    ['2026-03-05T14:05:00+08:00', '5 Mar 2026'],
    ['', ''],
    ['soon', ''],
  ])('date %s', (s, want) => {
    expect(fmtDate(s)).toBe(want);
  });
  it.each([
    [812, '812 B'],
    [14540, '14.2 KB'],
    [3250586, '3.1 MB'],
  ])('size %d', (n, want) => {
    expect(fmtSize(n)).toBe(want);
  });
  it('says how many items are missing', () => {
    expect(missingText(3)).toBe('Incomplete · 3 missing');
  });
});

describe('status filter', () => {
  const choices = [
    { code: 'received', label: 'Received' },
    { code: 'screening', label: 'Screening' },
    { code: 'evaluation', label: 'Evaluation' },
    { code: 'declined', label: 'Declined' },
  ];
  const order = choices.map((c) => c.code);
  it.each([
    [[], 'All statuses'],
    [['screening'], 'Screening'],
    [['declined', 'received'], 'Received, Declined'],
    [['received', 'screening', 'declined'], '3 statuses'],
  ])('summarises %j as %s', (selected, want) => {
    expect(statusFilterText(selected, choices)).toBe(want);
  });
  it.each([
    [[], 'screening', ['screening']],
    [['declined'], 'received', ['received', 'declined']],
    [['received', 'declined'], 'received', ['declined']],
    [['screening'], 'screening', []],
  ])('toggles %j with %s to %j in pipeline order', (selected, code, want) => {
    expect(toggleCode(selected, code, order)).toEqual(want);
  });
});

describe('in Chinese', () => {
  afterEach(() => setLocale('en', { reload: false }));
  it('counts, ranges and sums up the status filter in the Chinese catalog', () => {
    setLocale('zh-HK', { reload: false });
    expect(rangeText(0, 0, 0)).toBe('沒有機構');
    expect(rangeText(0, 1, 1)).toBe('1 個機構');
    expect(rangeText(0, 100, 250)).toBe('第 1–100 個，共 250 個');
    expect(missingText(2)).toBe('不完整 · 欠 2 項');
    const choices = [
      { code: 'received', label: '已收到' },
      { code: 'screening', label: '初步審核' },
    ];
    expect(statusFilterText([], choices)).toBe('所有狀態');
    expect(statusFilterText(['received', 'screening'], choices)).toBe('已收到、初步審核');
  });
  it('says 1 entity and 2 entities in English', () => {
    expect(rangeText(0, 2, 2)).toBe('2 entities');
    expect(rangeText(0, 100, 250)).toBe('1–100 of 250');
  });
});
