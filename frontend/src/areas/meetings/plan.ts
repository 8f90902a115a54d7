// Pure helpers of the meetings area. Their words come from the catalog
// (messages/meetings), in the window's language when called.
import { m } from '../../paraglide/messages';

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
  if (d <= 0) return d === 0 ? m.mtg_due_today() : m.mtg_due_in_days({ count: -d });
  return m.mtg_days_overdue({ count: d });
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
  const r = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local);
  return r ? `${r[1]} ${r[2]}` : local;
}

type WhenRead = { value: string; error: string; noDay?: boolean };

/**
 * Reads a date and time typed in ISO order with a 24-hour clock
 * ("2026-03-02 14:30", "2026-3-2 9:05", "2026-03-02T14:30"): the stored form
 * "2026-03-02T14:30", or a message that says what to type. Empty text is ""
 * (the backend says a meeting needs a date).
 */
export function parseWhen(text: string): { value: string; error: string } {
  const { value, error } = readWhen(text);
  return { value, error };
}

function readWhen(text: string): WhenRead {
  const t = text.trim();
  if (!t) return { value: '', error: '' };
  const r = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2})[:.](\d{2}))?$/.exec(t);
  if (!r) return { value: '', error: m.mtg_when_hint() };
  if (r[4] === undefined) return { value: '', error: m.mtg_when_add_time({ day: `${r[1]}-${r[2].padStart(2, '0')}-${r[3].padStart(2, '0')}` }) };
  const [y, mo, d, h, mi] = [+r[1], +r[2], +r[3], +r[4], +r[5]];
  const date = new Date(y, mo - 1, d);
  if (mo < 1 || mo > 12 || date.getMonth() !== mo - 1 || date.getDate() !== d) return { value: '', error: m.mtg_no_day({ day: `${r[1]}-${r[2]}-${r[3]}` }), noDay: true };
  if (h > 23 || mi > 59) return { value: '', error: m.mtg_time_24h() };
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
  const r = readWhen(`${t} 00:00`);
  if (r.error) return { value: '', error: r.noDay ? r.error : m.mtg_day_hint() };
  return { value: r.value.slice(0, 10), error: '' };
}

/** A piece of a message with marked parts: plain text, or the text of the
 * placeholder `key` (to be shown in its own element, e.g. in bold). */
export type Part = { text: string; key: string };

/**
 * A catalog message cut at the placeholders named in `marked`, so their
 * text can be shown in its own element wherever each language puts it:
 * richParts(m.mtg_move_body, { name: 'Alpha Ltd', from: …, to: … }, ['name']).
 * Other inputs (a plural's count) go to the message as they are.
 */
export function richParts<I extends Record<string, unknown>>(msg: (inputs: I) => string, values: I, marked: (keyof I & string)[]): Part[] {
  const mark = '\u0000';
  const inputs: Record<string, unknown> = { ...values };
  for (const k of marked) inputs[k] = `${mark}${k}${mark}`;
  return msg(inputs as I)
    .split(mark)
    .map((text, i) => (i % 2 === 1 ? { text: String(values[text] ?? ''), key: text } : { text, key: '' }))
    .filter((p) => p.text !== '' || p.key !== '');
}

/** An email cut where a line may break: after its @ ("ann@", "uni.example"),
 * so an address never breaks in the middle of its name or its domain. */
export function emailParts(email: string): string[] {
  const at = email.lastIndexOf('@');
  return at > 0 && at < email.length - 1 ? [email.slice(0, at + 1), email.slice(at + 1)] : [email];
}

/** A meeting's day and time as fmtWhen writes it, cut where a line may
 * break: "Thu " | "12 Mar 2026, " | "14:30"; "2026年3月12日" | "（星期四）" | "14:30". */
export function whenChunks(text: string): string[] {
  return text.split(/(?<=^[A-Z][a-z]{2} )|(?<=, )|(?=（)|(?<=）)/).filter((c) => c !== '');
}
