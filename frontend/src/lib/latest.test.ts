import { describe, expect, it } from 'vitest';
import { latest } from './latest';

// A promise with its resolve and reject handles, to answer out of order.
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('latest', () => {
  it.each([
    { name: 'answers in order', order: [0, 1], want: ['second'] },
    { name: 'answers out of order', order: [1, 0], want: ['second'] },
  ])('applies only the latest request: $name', async ({ order, want }) => {
    const got: string[] = [];
    const run = latest<string>((v) => got.push(v));
    const reqs = [deferred<string>(), deferred<string>()];
    run(reqs[0].promise);
    run(reqs[1].promise);
    const answers = ['first', 'second'];
    for (const i of order) reqs[i].resolve(answers[i]);
    await settle();
    expect(got).toEqual(want);
  });

  it('null makes the request in flight stale', async () => {
    const got: number[] = [];
    const run = latest<number>((v) => got.push(v));
    const req = deferred<number>();
    run(req.promise);
    run(null);
    req.resolve(4.2);
    await settle();
    expect(got).toEqual([]);
  });

  it('ignores a failed request and keeps working', async () => {
    const got: number[] = [];
    const run = latest<number>((v) => got.push(v));
    const bad = deferred<number>();
    run(bad.promise);
    bad.reject(new Error('locked'));
    await settle();
    run(Promise.resolve(3.2));
    await settle();
    expect(got).toEqual([3.2]);
  });
});
