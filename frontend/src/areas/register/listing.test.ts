import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../paraglide/runtime';
import {
  defaultQuery,
  filtered,
  fmtDate,
  fmtSize,
  missingText,
  namesText,
  NAMES_SHOWN,
  moveSelection,
  countText,
  screenRows,
  scrollToShow,
  sortBy,
  statusFilterText,
  toggleCode,
  visibleRange,
  windowsOf,
  WINDOW,
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

describe('count', () => {
  it.each([
    [0, 'No entities'],
    [1, '1 entity'],
    [40, '40 entities'],
    [10000, '10,000 entities'],
  ])('%d', (total, want) => {
    expect(countText(total)).toBe(want);
  });
});

describe('virtual list', () => {
  // A box 400 px tall with a 40 px header and 36 px rows: 10 rows on screen.
  it.each([
    ['top', 0, 10000, 0, 10 + 6],
    ['scrolled into row 100', 100 * 36, 10000, 94, 110 + 6],
    ['half a row down', 100 * 36 + 18, 10000, 94, 111 + 6],
    ['the end', 9990 * 36, 10000, 9984, 10000],
    ['past the end', 20000 * 36, 10000, 9993, 10000],
    ['few rows', 0, 3, 0, 3],
    ['none', 0, 0, 0, 0],
  ])('renders rows for %s', (_n, top, total, start, end) => {
    expect(visibleRange(top, 400, 40, 36, total)).toEqual({ start, end });
  });
  it('renders only a window of a long list', () => {
    const r = visibleRange(5000 * 36, 800, 40, 36, 10000);
    expect(r.end - r.start).toBeLessThan(40);
    expect(r.start).toBeLessThanOrEqual(5000);
    expect(r.end).toBeGreaterThan(5000 + 20);
  });
  it.each([
    [0, 16, [0]],
    [94, 116, [0, 1]],
    [9984, 10000, [99]],
    [200, 300, [2]],
    [5, 5, []],
  ])('fetches the windows of rows %d–%d', (start, end, want) => {
    expect(windowsOf(start, end)).toEqual(want);
  });
  it('windows are WINDOW rows', () => {
    expect(windowsOf(WINDOW - 1, WINDOW + 1)).toEqual([0, 1]);
  });
  it.each([
    ['in view', 5, 0, 0],
    ['below', 20, 0, 21 * 36 - 360],
    ['above', 3, 10 * 36, 3 * 36],
    ['last', 9999, 0, 10000 * 36 - 360],
  ])('scrolls to show a row %s', (_n, index, top, want) => {
    expect(scrollToShow(index, top, 400, 40, 36)).toBe(want);
  });
  it('pages by a screen less a row', () => {
    expect(screenRows(400, 40, 36)).toBe(9);
    expect(screenRows(50, 40, 36)).toBe(1);
  });
});

describe('moveSelection', () => {
  it.each([
    [-1, 5, 'ArrowDown', 1, 0],
    [4, 5, 'ArrowDown', 1, 4],
    [0, 5, 'ArrowUp', 1, 0],
    [3, 5, 'Home', 1, 0],
    [1, 5, 'End', 1, 4],
    [2, 0, 'ArrowDown', 1, -1],
    [0, 10000, 'PageDown', 9, 9],
    [-1, 10000, 'PageDown', 9, 0],
    [9995, 10000, 'PageDown', 9, 9999],
    [20, 10000, 'PageUp', 9, 11],
    [4, 10000, 'PageUp', 9, 0],
    [17, 10000, 'End', 9, 9999],
  ])('%d of %d %s (screen %d)', (cur, n, key, screen, want) => {
    expect(moveSelection(cur, n, key, screen)).toBe(want);
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
  it('counts and sums up the status filter in the Chinese catalog', () => {
    setLocale('zh-HK', { reload: false });
    expect(countText(0)).toBe('沒有機構');
    expect(countText(1)).toBe('1 個機構');
    expect(countText(10000)).toBe('10,000 個機構');
    expect(missingText(2)).toBe('不完整 · 欠 2 項');
    const choices = [
      { code: 'received', label: '已收到' },
      { code: 'screening', label: '初步審核' },
    ];
    expect(statusFilterText([], choices)).toBe('所有狀態');
    expect(statusFilterText(['received', 'screening'], choices)).toBe('已收到、初步審核');
  });
  it('says 1 entity and 2 entities in English', () => {
    expect(countText(1)).toBe('1 entity');
    expect(countText(2)).toBe('2 entities');
  });
});

describe('namesText', () => {
  afterEach(() => setLocale('en', { reload: false }));
  const names = (n: number) => Array.from({ length: n }, (_, i) => `Fictional Bio ${i + 1}`);

  it('lists a few names in full', () => {
    expect(namesText([])).toBe('');
    expect(namesText(['Alpha Cells'])).toBe('Alpha Cells');
    expect(namesText(names(3))).toBe('Fictional Bio 1, Fictional Bio 2, Fictional Bio 3');
    // One more than the limit is named rather than counted as "1 more".
    expect(namesText(names(NAMES_SHOWN + 1)).split(', ')).toHaveLength(NAMES_SHOWN + 1);
  });

  it('names the first few of many and counts the rest, with the plural right', () => {
    const shown = names(NAMES_SHOWN).join(', ');
    expect(namesText(names(10_000))).toBe(`${shown} and 9,992 more entities`);
    expect(namesText(names(NAMES_SHOWN + 2))).toBe(`${shown} and 2 more entities`);
    expect(namesText(['A', 'B', 'C'], 3, 2)).toBe('A, B, C');
    expect(namesText(['A', 'B', 'C', 'D'], 4, 2)).toBe('A, B and 2 more entities');
    // Only the first few names need be passed, with the total.
    expect(namesText(names(NAMES_SHOWN + 1), 10_000)).toBe(`${shown} and 9,992 more entities`);
    expect(namesText(['A', 'B', 'C'], 3, 1)).toBe('A and 2 more entities');
    // "and 1 more" never shows: one name more than the limit is named.
    expect(namesText(['A', 'B'], 2, 1)).toBe('A, B');
  });

  it('in Chinese', () => {
    setLocale('zh-HK', { reload: false });
    expect(namesText(['甲', '乙', '丙', '丁'], 4, 2)).toBe('甲、乙及另外 2 個機構');
    expect(namesText(names(NAMES_SHOWN + 1), 10_000)).toContain('及另外 9,992 個機構');
  });
});
