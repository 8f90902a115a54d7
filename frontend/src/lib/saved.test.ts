import { describe, expect, it } from 'vitest';
import { said, saved } from './saved.svelte';
import { m } from '../paraglide/messages';
import { language } from './i18n.svelte';

describe('saved', () => {
  it('is silent before the first write', () => {
    expect(saved.text).toBe('');
  });
  it('shows what was saved and when, on the 24-hour clock', () => {
    saved.mark(() => 'Entity created', new Date(2026, 2, 5, 9, 4, 7));
    expect(saved.text).toBe('Entity created 09:04');
    saved.mark(undefined, new Date(2026, 2, 5, 21, 30));
    expect(saved.text).toBe('Saved 21:30');
  });
  it('says what was saved in the language of the moment, parameters and all', () => {
    const before = language.choice;
    language.choose('en');
    saved.mark(said(m.reg_attachments_saved, { count: 3 }), new Date(2026, 0, 1, 8, 5));
    expect(saved.text).toBe('3 attachments saved 08:05');
    language.choose('zh-HK');
    try {
      expect(saved.text).toBe('3 個附件已儲存 08:05');
      saved.mark(m.reg_saved, new Date(2026, 0, 1, 8, 6));
      const zh = saved.text;
      language.choose('en');
      expect(saved.text).not.toBe(zh);
      expect(saved.text).toBe(`${m.reg_saved({}, { locale: 'en' })} 08:06`);
    } finally {
      language.choose(before);
    }
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
