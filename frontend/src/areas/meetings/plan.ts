// Pure helpers of the meetings area.

/** A copy of list with the item at i moved by delta (clamped). */
export function moveItem<T>(list: T[], i: number, delta: number): T[] {
  const j = Math.max(0, Math.min(list.length - 1, i + delta));
  if (i < 0 || i >= list.length || i === j) return [...list];
  const out = [...list];
  const [x] = out.splice(i, 1);
  out.splice(j, 0, x);
  return out;
}

/** Whether an action is overdue on today (YYYY-MM-DD): not done, due before today. */
export function isOverdue(a: { due: string; done: boolean }, today: string): boolean {
  return !a.done && a.due !== '' && a.due < today;
}

/** Days between two YYYY-MM-DD dates (b - a). */
export function daysBetween(a: string, b: string): number {
  const ta = Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10));
  const tb = Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10));
  return Math.round((tb - ta) / 86400000);
}

/** "3 days overdue", "1 day overdue", "due today". */
export function overdueText(due: string, today: string): string {
  const d = daysBetween(due, today);
  if (d <= 0) return d === 0 ? 'due today' : `due in ${-d} day${d === -1 ? '' : 's'}`;
  return `${d} day${d === 1 ? '' : 's'} overdue`;
}

/** The attendees typed one per line (or separated by ;) as a clean list. */
export function parseAttendees(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** "Thu 12 Mar 2026, 14:30" for a YYYY-MM-DDTHH:MM local time. */
export function fmtWhen(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return local;
  const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  const day = d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return `${day}, ${m[4]}:${m[5]}`;
}

/** The entity ids with the one given removed. */
export function without(ids: number[], id: number): number[] {
  return ids.filter((x) => x !== id);
}
