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

export { fmtWhen } from '../../lib/dates';

/** The entity ids with the one given removed. */
export function without(ids: number[], id: number): number[] {
  return ids.filter((x) => x !== id);
}

/** A meeting's date and time as the officer types and reads it: ISO order,
 * 24-hour clock ("2026-03-02 14:30"), from the stored "2026-03-02T14:30". */
export function whenText(local: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local);
  return m ? `${m[1]} ${m[2]}` : local;
}

/**
 * Reads a date and time typed in ISO order with a 24-hour clock
 * ("2026-03-02 14:30", "2026-3-2 9:05", "2026-03-02T14:30"): the stored form
 * "2026-03-02T14:30", or a message that says what to type. Empty text is ""
 * (the backend says a meeting needs a date).
 */
export function parseWhen(text: string): { value: string; error: string } {
  const t = text.trim();
  if (!t) return { value: '', error: '' };
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2})[:.](\d{2}))?$/.exec(t);
  const hint = 'Type the date and time as year-month-day and 24-hour time, e.g. 2026-03-02 14:30.';
  if (!m) return { value: '', error: hint };
  if (m[4] === undefined) return { value: '', error: 'Add the time, e.g. ' + `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')} 14:30 (24-hour).` };
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +m[4], +m[5]];
  const date = new Date(y, mo - 1, d);
  if (mo < 1 || mo > 12 || date.getMonth() !== mo - 1 || date.getDate() !== d) return { value: '', error: `There is no day ${m[1]}-${m[2]}-${m[3]}.` };
  if (h > 23 || mi > 59) return { value: '', error: 'The time is on a 24-hour clock, from 00:00 to 23:59.' };
  const p = (n: number) => String(n).padStart(2, '0');
  return { value: `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}`, error: '' };
}

/** Whether a follow-up action's due date (YYYY-MM-DD) falls before the
 * meeting's day (startsAt "YYYY-MM-DDTHH:MM"): worth a word of warning. */
export function dueBeforeMeeting(due: string, startsAt: string): boolean {
  const day = startsAt.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(due) && /^\d{4}-\d{2}-\d{2}$/.test(day) && due < day;
}

/** Reads a day typed in ISO order ("2026-03-09", "2026-3-9"): the stored
 * form "2026-03-09", or a message that says what to type; empty is "". */
export function parseDay(text: string): { value: string; error: string } {
  const t = text.trim();
  if (!t) return { value: '', error: '' };
  const r = parseWhen(`${t} 00:00`);
  if (r.error) return { value: '', error: /no day/.test(r.error) ? r.error : 'Type the date as year-month-day, e.g. 2026-03-09.' };
  return { value: r.value.slice(0, 10), error: '' };
}
