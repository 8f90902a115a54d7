import { describe, expect, it } from 'vitest';
import { matchesText, rankByName, step } from './quicksearch';
import { language } from './i18n.svelte';

describe('step', () => {
  it.each([
    { name: 'down from the box to the first', active: -1, count: 3, key: 'ArrowDown', want: 0 },
    { name: 'down', active: 0, count: 3, key: 'ArrowDown', want: 1 },
    { name: 'down holds at the last', active: 2, count: 3, key: 'ArrowDown', want: 2 },
    { name: 'up', active: 2, count: 3, key: 'ArrowUp', want: 1 },
    { name: 'up from the first back to the box', active: 0, count: 3, key: 'ArrowUp', want: -1 },
    { name: 'up holds at the box', active: -1, count: 3, key: 'ArrowUp', want: -1 },
    { name: 'home', active: 2, count: 3, key: 'Home', want: 0 },
    { name: 'end', active: -1, count: 3, key: 'End', want: 2 },
    { name: 'no results stays in the box', active: -1, count: 0, key: 'ArrowDown', want: -1 },
  ] as const)('$name', ({ active, count, key, want }) => {
    expect(step(active, count, key)).toBe(want);
  });
});

describe('matchesText', () => {
  it.each([
    { shown: 1, total: 1, want: '1 match' },
    { shown: 0, total: 0, want: '0 matches' },
    { shown: 3, total: 3, want: '3 matches' },
    { shown: 8, total: 12, want: '8 of 12 matches' },
  ])('$shown of $total', ({ shown, total, want }) => {
    expect(matchesText(shown, total)).toBe(want);
  });
});

describe('rankByName', () => {
  const rows = [
    { name: 'Harbourline Cell Therapeutics Ltd' }, // matched by a product or note
    { name: 'Lion Rock Tai Poets Ltd' },
    { name: 'Tai Po Immuno-Oncology Ltd' },
    { name: 'Sai Kung Tissue Works Ltd' },
    { name: 'Tai Po Vector Ltd' },
  ];
  it('puts names starting with the words first, then word matches, keeping the order within', () => {
    expect(rankByName(rows, ' tai po ').map((r) => r.name)).toEqual([
      'Tai Po Immuno-Oncology Ltd',
      'Tai Po Vector Ltd',
      'Lion Rock Tai Poets Ltd',
      'Harbourline Cell Therapeutics Ltd',
      'Sai Kung Tissue Works Ltd',
    ]);
  });
  it('a name holding the text inside a word comes after word matches', () => {
    expect(rankByName([{ name: 'Shatin Cell' }, { name: 'Cell Works' }], 'tin').map((r) => r.name)).toEqual(['Shatin Cell', 'Cell Works']);
    expect(rankByName([{ name: 'Shatin Cell' }, { name: 'Tin Shui Cell' }], 'tin').map((r) => r.name)).toEqual(['Tin Shui Cell', 'Shatin Cell']);
  });
  it('no text keeps the order', () => {
    expect(rankByName(rows, '  ')).toBe(rows);
  });
});

describe('matchesText in Chinese', () => {
  it('counts without a plural', () => {
    const before = language.choice;
    language.choose('zh-HK');
    try {
      expect(matchesText(1, 1)).toBe('1 項相符結果');
      expect(matchesText(8, 12)).toBe('12 項相符結果中的 8 項');
    } finally {
      language.choose(before);
    }
  });
});
