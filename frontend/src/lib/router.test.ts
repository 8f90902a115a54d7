import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearLeaveGuard, formatHash, parseHash, router, setLeaveGuard, type Route } from './router.svelte';

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

describe('leave guard', () => {
  beforeEach(() => {
    vi.stubGlobal('location', { hash: '' });
    setLeaveGuard(null);
    router.go('register', 5, 'edit');
  });
  afterEach(() => {
    setLeaveGuard(null);
    vi.unstubAllGlobals();
  });

  it('is told where go is heading and can refuse', () => {
    const seen: Route[] = [];
    setLeaveGuard((to) => (seen.push(to), false));
    expect(router.go('meetings', 7)).toBe(false);
    expect(seen).toEqual([{ area: 'meetings', id: '7', sub: '' }]);
    expect(router.route).toEqual({ area: 'register', id: '5', sub: 'edit' });
    expect(location.hash).toBe('#/register/5/edit');
  });

  it('lets go finish the trip it refused once allowed, then is cleared', () => {
    let allow = false;
    let target: Route | null = null;
    setLeaveGuard((to) => {
      target = to;
      return allow;
    });
    router.go('overview');
    allow = true;
    const t = target as unknown as Route;
    expect(router.go(t.area, t.id, t.sub)).toBe(true);
    expect(location.hash).toBe('#/overview');
    expect(router.route.area).toBe('overview');
    // Cleared: the next trip does not ask the old page.
    allow = false;
    expect(router.go('register')).toBe(true);
  });

  it('is not asked, nor cleared, when going where the page already is', () => {
    const guard = vi.fn(() => false);
    setLeaveGuard(guard);
    expect(router.go('register', '5', 'edit')).toBe(true);
    expect(guard).not.toHaveBeenCalled();
    expect(router.go('register')).toBe(false);
    expect(guard).toHaveBeenCalledTimes(1);
  });

  it('is asked on back and forward, and puts the address back when it refuses', () => {
    const seen: Route[] = [];
    setLeaveGuard((to) => (seen.push(to), false));
    location.hash = '#/register';
    router.arrive('#/register');
    expect(seen).toEqual([{ area: 'register', id: '', sub: '' }]);
    expect(router.route).toEqual({ area: 'register', id: '5', sub: 'edit' });
    expect(location.hash).toBe('#/register/5/edit');

    setLeaveGuard(() => true);
    router.arrive('#/evaluation/3');
    expect(router.route).toEqual({ area: 'evaluation', id: '3', sub: '' });
  });

  it('is cleared by its page only while it is still the current one', () => {
    const a = () => false;
    const b = () => false;
    setLeaveGuard(a);
    setLeaveGuard(b);
    clearLeaveGuard(a);
    expect(router.go('overview')).toBe(false);
    clearLeaveGuard(b);
    expect(router.go('overview')).toBe(true);
  });
});
