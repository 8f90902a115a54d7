// Overlapping requests (a search as the officer types, a total as scores
// change): only the answer to the latest one may reach the page, whatever
// order the answers come back in.

/**
 * Returns a runner for requests whose answers `apply` takes. Each call starts
 * a new request and makes every earlier one stale: a stale answer is dropped.
 * Passing `null` only makes the requests in flight stale (e.g. when the
 * search box is emptied). Failed requests are ignored.
 */
export function latest<T>(apply: (value: T) => void): (request: Promise<T> | null) => void {
  let seq = 0;
  return (request) => {
    const mine = ++seq;
    request
      ?.then((value) => {
        if (mine === seq) apply(value);
      })
      .catch(() => {});
  };
}
