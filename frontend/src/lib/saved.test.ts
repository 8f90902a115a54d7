import { describe, expect, it } from 'vitest';
import { saved } from './saved.svelte';
import { language } from './i18n.svelte';

describe('saved', () => {
  it('is silent before the first write', () => {
    expect(saved.text).toBe('');
  });
  it('shows what was saved and when, on the 24-hour clock', () => {
    saved.mark('Entity created', new Date(2026, 2, 5, 9, 4, 7));
    expect(saved.text).toBe('Entity created 09:04');
    saved.mark(undefined, new Date(2026, 2, 5, 21, 30));
    expect(saved.text).toBe('Saved 21:30');
  });
  it('says "Saved" in the window language, switched after the write', () => {
    const before = language.choice;
    saved.mark(undefined, new Date(2026, 0, 1, 0, 0, 0));
    language.choose('zh-HK');
    try {
      expect(saved.text).toBe('已儲存 00:00');
    } finally {
      language.choose(before);
    }
  });
});
