// The top search box's results as you type: which one the arrows have
// reached. -1 is the box itself (Enter there shows every match in the
// register); 0..count-1 the results; the last may be "show all".
import { m } from '../paraglide/messages';

/** The keys that move through the results. */
export type StepKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

/**
 * The result reached from `active` by `key` among `count` results: Down
 * from the box goes to the first, Up from the first back to the box; the
 * ends hold (no wrapping, so holding a key stops at the end).
 */
export function step(active: number, count: number, key: StepKey): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(active + 1, count - 1);
    case 'ArrowUp':
      return Math.max(active - 1, -1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
}

/** "3 of 12 matches" / "1 match" for the results' footer (in the window's language). */
export function matchesText(shown: number, total: number): string {
  return shown < total ? m.shell_matches_of({ shown, count: total }) : m.shell_matches({ count: total });
}

/**
 * Orders rows for the officer who typed `query`: names that start with it
 * first, then names with a word starting with it, then names holding it,
 * then the rest (matched elsewhere: contact, product, notes); the order
 * within each group is kept.
 */
export function rankByName<T extends { name: string }>(rows: T[], query: string): T[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return rows;
  const rank = (name: string) => {
    const n = name.toLocaleLowerCase();
    if (n.startsWith(q)) return 0;
    if (n.split(/[\s\-–(),.&/]+/).some((_, i, words) => words.slice(i).join(' ').startsWith(q))) return 1;
    if (n.includes(q)) return 2;
    return 3;
  };
  return rows
    .map((row, i) => ({ row, i, r: rank(row.name) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.row);
}
