import { describe, expect, it } from 'vitest';
import { hasInvisible, invisibleSummary, segments } from './invisible';
import { language } from './i18n.svelte';

describe('invisible characters', () => {
  it('marks a right-to-left override in place, so the text reads as stored', () => {
    expect(segments('invoice\u202efdp.exe')).toEqual([
      { text: 'invoice' },
      { mark: 'RLO', code: 'U+202E', name: 'right-to-left override' },
      { text: 'fdp.exe' },
    ]);
  });

  it('marks zero-width characters between letters, and consecutive ones each', () => {
    const s = segments('Moon\u200b\u200dfield');
    expect(s.map((x) => ('mark' in x ? `[${x.mark}]` : x.text)).join('')).toBe('Moon[ZWSP][ZWJ]field');
  });

  it('leaves ordinary text, Chinese and line breaks alone', () => {
    const text = '細胞治療\nline two\ttab';
    expect(hasInvisible(text)).toBe(false);
    expect(segments(text)).toEqual([{ text }]);
    expect(segments('')).toEqual([]);
  });

  it('summarises for a field hint', () => {
    expect(invisibleSummary('a\u202eb\u202ec\u200b')).toBe(
      '3 invisible characters (right-to-left override, U+202E; zero-width space, U+200B)',
    );
    expect(invisibleSummary('plain')).toBe('');
  });
});

describe('invisible characters in Chinese', () => {
  it('names them and summarises in the window language', () => {
    const before = language.choice;
    language.choose('zh-HK');
    try {
      expect(segments('a\u202eb')[1]).toEqual({ mark: 'RLO', code: 'U+202E', name: '由右至左覆寫' });
      expect(invisibleSummary('a\u202eb\u200b')).toBe('2 個隱形字元（由右至左覆寫，U+202E；零寬空格，U+200B）');
    } finally {
      language.choose(before);
    }
  });
});
