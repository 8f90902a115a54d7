import { describe, expect, it } from 'vitest';
import { ask } from './ask.svelte';

const q = { title: 'Delete this meeting?', message: 'The meeting is deleted.', yes: 'Delete meeting' };

describe('ask', () => {
  it.each([
    { name: 'go ahead', answer: true },
    { name: 'cancel', answer: false },
  ])('resolves with the answer and closes: $name', async ({ answer }) => {
    const pending = ask.confirm(q);
    expect(ask.current).toEqual(q);
    ask.answer(answer);
    expect(ask.current).toBeNull();
    await expect(pending).resolves.toBe(answer);
  });

  it('a second question answers the first no', async () => {
    const first = ask.confirm(q);
    const second = ask.confirm({ ...q, title: 'Delete this partner?' });
    await expect(first).resolves.toBe(false);
    expect(ask.current?.title).toBe('Delete this partner?');
    ask.answer(true);
    await expect(second).resolves.toBe(true);
  });

  it('an answer with no question open does nothing', () => {
    ask.answer(true);
    expect(ask.current).toBeNull();
  });
});
