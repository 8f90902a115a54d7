import { describe, expect, it } from 'vitest';
import { clock, saved } from './saved.svelte';

describe('saved', () => {
  it('is silent before the first write', () => {
    expect(saved.text).toBe('');
  });
  it('shows what was saved and when', () => {
    saved.mark('Saved', new Date(2026, 2, 5, 9, 4, 7));
    expect(saved.text).toBe('Saved 09:04:07');
  });
  it('pads the clock', () => {
    expect(clock(new Date(2026, 0, 1, 0, 0, 0))).toBe('00:00:00');
  });
});
