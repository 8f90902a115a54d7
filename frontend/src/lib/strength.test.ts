import { describe, expect, it } from 'vitest';
import { meterTone, meterWidth } from './strength';

describe('strength meter', () => {
  it.each([
    [0, '0%', 'danger'],
    [1, '25%', 'danger'],
    [2, '50%', 'warning'],
    [3, '75%', 'ok'],
    [4, '100%', 'ok'],
    [9, '100%', 'ok'],
  ])('score %i', (score, width, tone) => {
    expect(meterWidth(score)).toBe(width);
    expect(meterTone(score)).toBe(tone);
  });
});
