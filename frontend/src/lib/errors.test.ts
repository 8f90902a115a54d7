import { describe, expect, it } from 'vitest';
import { AppError, call, toAppError } from './errors';

describe('toAppError', () => {
  it('reads the facade JSON shape with field problems', () => {
    const e = toAppError(
      JSON.stringify({ code: 'invalid', message: 'Check 1 field.', fields: [{ field: 'contact_email', message: 'Not an email address.' }] }),
    );
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('Check 1 field.');
    expect(e.fieldMessage('contact_email')).toBe('Not an email address.');
    expect(e.fieldMessage('name')).toBeUndefined();
  });
  it('keeps a plain message', () => {
    const e = toAppError('disk full');
    expect(e.code).toBe('internal');
    expect(e.message).toBe('disk full');
  });
  it('passes an AppError through', () => {
    const a = new AppError('locked', 'Locked.');
    expect(toAppError(a)).toBe(a);
  });
});

describe('call', () => {
  it('rethrows rejections as AppError', async () => {
    await expect(call(Promise.reject(JSON.stringify({ code: 'wrongpass', message: 'Wrong.' })))).rejects.toMatchObject({
      code: 'wrongpass',
      message: 'Wrong.',
    });
  });
  it('returns the value', async () => {
    await expect(call(Promise.resolve(3))).resolves.toBe(3);
  });
});
