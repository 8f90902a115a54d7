import { describe, expect, it } from 'vitest';
import { pickKey } from './picklist';

describe('pickKey', () => {
  it('Down highlights the first result, then the next, and stops at the last', () => {
    expect(pickKey('ArrowDown', 3, -1)).toEqual({ active: 0, pick: -1, handled: true });
    expect(pickKey('ArrowDown', 3, 1).active).toBe(2);
    expect(pickKey('ArrowDown', 3, 2).active).toBe(2);
  });
  it('Up goes back and stops at the first', () => {
    expect(pickKey('ArrowUp', 3, 2).active).toBe(1);
    expect(pickKey('ArrowUp', 3, 0).active).toBe(0);
  });
  it('Enter picks the highlighted result, or the first', () => {
    expect(pickKey('Enter', 3, 1).pick).toBe(1);
    expect(pickKey('Enter', 3, -1).pick).toBe(0);
  });
  it('a highlight past a shorter list lands on its last result', () => {
    expect(pickKey('Enter', 2, 5).pick).toBe(1);
  });
  it('leaves keys alone when there is nothing to pick', () => {
    expect(pickKey('Enter', 0, -1)).toEqual({ active: -1, pick: -1, handled: false });
    expect(pickKey('a', 3, 0).handled).toBe(false);
  });
});
