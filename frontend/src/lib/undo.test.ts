import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { undo, undoMillis } from './undo.svelte';
import { said } from './saved.svelte';
import { language } from './i18n.svelte';
import { m } from '../paraglide/messages';

describe('undo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    undo.dismiss();
    vi.useRealTimers();
  });

  it('restores once when taken, and the offer goes', async () => {
    const restore = vi.fn();
    undo.offer(() => 'Conflict removed', restore);
    expect(undo.current?.text()).toBe('Conflict removed');
    await undo.take();
    await undo.take();
    expect(restore).toHaveBeenCalledTimes(1);
    expect(undo.current).toBeNull();
  });

  it('runs out after its time; nothing is restored', async () => {
    const restore = vi.fn();
    undo.offer(() => 'Conflict removed', restore);
    vi.advanceTimersByTime(undoMillis - 1);
    expect(undo.current).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(undo.current).toBeNull();
    await undo.take();
    expect(restore).not.toHaveBeenCalled();
  });

  it('a new offer replaces the old one and its timer', () => {
    const first = vi.fn();
    undo.offer(() => 'First', first);
    vi.advanceTimersByTime(undoMillis - 10);
    undo.offer(() => 'Second', vi.fn());
    vi.advanceTimersByTime(20);
    expect(undo.current?.text()).toBe('Second');
    expect(first).not.toHaveBeenCalled();
  });

  it('says what was taken away in the language of the moment', () => {
    const before = language.choice;
    language.choose('en');
    undo.offer(said(m.mtg_conflict_removed_undo, { name: 'Harbour University' }), vi.fn());
    expect(undo.current?.text()).toBe('Conflict of interest with Harbour University removed.');
    language.choose('zh-HK');
    try {
      expect(undo.current?.text()).toBe('已移除與Harbour University的利益衝突。');
    } finally {
      language.choose(before);
    }
  });

  it('a failed restore says so', async () => {
    undo.offer(() => 'Conflict removed', () => Promise.reject(new Error('The entity was deleted meanwhile.')));
    await undo.take();
    expect(undo.error).toBe('The entity was deleted meanwhile.');
  });
});
