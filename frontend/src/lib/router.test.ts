import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './router.svelte';

describe('hash routes', () => {
  it.each([
    ['', { area: 'overview', id: '', sub: '' }],
    ['#/register', { area: 'register', id: '', sub: '' }],
    ['#/register/42', { area: 'register', id: '42', sub: '' }],
    ['#/register/42/edit', { area: 'register', id: '42', sub: 'edit' }],
    ['#/nowhere/1', { area: 'overview', id: '1', sub: '' }],
  ])('parses %s', (hash, want) => {
    expect(parseHash(hash)).toEqual(want);
  });
  it('round-trips', () => {
    expect(parseHash(formatHash({ area: 'meetings', id: '7', sub: 'minutes' }))).toEqual({
      area: 'meetings',
      id: '7',
      sub: 'minutes',
    });
  });
});
