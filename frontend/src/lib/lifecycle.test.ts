import { describe, expect, it } from 'vitest';
import { age, size, when } from './lifecycle.svelte';
import { language } from './i18n.svelte';

describe('backup times and sizes', () => {
  const now = new Date(2026, 11, 3, 15, 30);
  it('says how long ago, with plurals', () => {
    expect(age('', now)).toBe('never');
    expect(age('soon', now)).toBe('never');
    expect(age(new Date(2026, 11, 3, 8).toISOString(), now)).toBe('today');
    expect(age(new Date(2026, 11, 2, 8).toISOString(), now)).toBe('yesterday');
    expect(age(new Date(2026, 10, 30, 8).toISOString(), now)).toBe('3 days ago');
  });
  it('writes a moment in the house style, 24-hour', () => {
    expect(when(new Date(2026, 11, 3, 15, 30).toISOString())).toBe('3 Dec 2026, 15:30');
    expect(when('')).toBe('');
  });
  it('speaks Chinese when the window does', () => {
    const before = language.choice;
    language.choose('zh-HK');
    try {
      expect(age(new Date(2026, 10, 30, 8).toISOString(), now)).toBe('3 日前');
      expect(age('', now)).toBe('從未');
      expect(when(new Date(2026, 11, 3, 9, 5).toISOString())).toBe('2026年12月3日 09:05');
    } finally {
      language.choose(before);
    }
  });
  it('writes sizes', () => {
    expect(size(512)).toBe('512 B');
    expect(size(2048)).toBe('2 KB');
    expect(size(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
