import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { Recheck } from './recheck.svelte';

const tick = () => new Promise((r) => setTimeout(r, 0));
const mismatch = () => new AppError('invalid', 'The two passphrases differ.', [{ field: 'confirm', message: 'This does not match the passphrase above.' }]);

describe('Recheck', () => {
  it('does not check before an error was shown', async () => {
    let calls = 0;
    const c = new Recheck(async () => calls++);
    c.changed();
    await tick();
    expect(calls).toBe(0);
    expect(c.error).toBeNull();
  });

  it('drops a fixed error on the next change, and shows a new one', async () => {
    let pass = 'a', confirm = 'b';
    const c = new Recheck(async () => {
      if (pass !== confirm) throw JSON.stringify({ code: 'invalid', message: 'The two passphrases differ.', fields: [{ field: 'confirm', message: 'This does not match the passphrase above.' }] });
    });
    c.shown(mismatch());
    expect(c.error?.fieldMessage('confirm')).toMatch(/does not match/);
    confirm = 'a';
    c.changed();
    await tick();
    expect(c.error).toBeNull();
    confirm = 'ab';
    c.changed();
    await tick();
    expect(c.error?.fieldMessage('confirm')).toMatch(/does not match/);
  });

  it('shows only the answer to the latest change', async () => {
    const answers: Array<() => void> = [];
    let fail = true;
    const c = new Recheck(() => {
      const bad = fail;
      return new Promise((ok, no) => answers.push(() => (bad ? no(mismatch()) : ok(null))));
    });
    c.shown(mismatch());
    c.changed(); // still wrong
    fail = false;
    c.changed(); // fixed
    answers[1]();
    await tick();
    answers[0](); // the stale answer comes last
    await tick();
    expect(c.error).toBeNull();
  });

  it('leaves an error the rules cannot check again until the next save', async () => {
    let calls = 0;
    const c = new Recheck(async () => calls++);
    c.shown(new AppError('locked', 'The register is locked.'));
    c.changed();
    await tick();
    expect(calls).toBe(0);
    expect(c.error?.message).toBe('The register is locked.');
    c.shown(new AppError('wrongpass', 'The current passphrase is not right.', [{ field: 'current', message: 'This is not the current passphrase.' }]));
    c.changed();
    await tick();
    expect(calls).toBe(0);
    expect(c.error?.fieldMessage('current')).toMatch(/not the current/);
    c.clear();
    expect(c.error).toBeNull();
  });
});
