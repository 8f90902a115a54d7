// The window's one house style for dates and times, per language, 24-hour
// clock everywhere (the documents use the same, register.FormatDate…):
//   English  3 Dec 2026 · 3 Dec 2026, 15:30 · Thu 3 Dec 2026, 15:30
//   Chinese  2026年12月3日 · 2026年12月3日 15:30 · 2026年12月3日（星期四）15:30
// Every function takes the language (default: the window's), so a switch
// re-renders them.
import { getLocale } from '../paraglide/runtime';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const weekdaysEn = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekdaysZh = ['日', '一', '二', '三', '四', '五', '六'];

const pad = (n: number) => String(n).padStart(2, '0');
const zh = (lang?: string) => (lang ?? getLocale()) === 'zh-HK';

function ymd(y: number, mo: number, d: number, lang?: string): string {
  return zh(lang) ? `${y}年${mo}月${d}日` : `${d} ${months[mo - 1]} ${y}`;
}

/** "2026-03-05" (or an RFC 3339 time's date part) as "5 Mar 2026" / "2026年3月5日";
 * "2026-03" as "Mar 2026" / "2026年3月"; "" when empty or unreadable. */
export function fmtDate(s: string | undefined, lang?: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s ?? '');
  if (!m) return '';
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return '';
  if (!m[3]) return zh(lang) ? `${m[1]}年${mo}月` : `${months[mo - 1]} ${m[1]}`;
  const d = Number(m[3]);
  if (d < 1 || d > daysIn(Number(m[1]), mo)) return '';
  return ymd(Number(m[1]), mo, d, lang);
}

/** How many days month mo (1–12) of year y has. */
export function daysIn(y: number, mo: number): number {
  if (mo !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** What a typed day is: nothing, a day that exists (normalised "YYYY-MM-DD"),
 * text that is not written as a day, a month that does not exist (2026-13-01),
 * or a day its month does not have (2026-02-31; days says how many it has). */
export type Day =
  | { kind: 'empty' }
  | { kind: 'ok'; iso: string }
  | { kind: 'unreadable' }
  | { kind: 'no-month'; month: number }
  | { kind: 'no-day'; year: number; month: number; days: number };

/** Reads a day typed as year-month-day ("2026-12-03", space around it ignored). */
export function parseDay(s: string | undefined): Day {
  const t = (s ?? '').trim();
  if (t === '') return { kind: 'empty' };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (!m) return { kind: 'unreadable' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return { kind: 'no-month', month: mo };
  const days = daysIn(y, mo);
  if (d < 1 || d > days) return { kind: 'no-day', year: y, month: mo, days };
  return { kind: 'ok', iso: t };
}

/** Whether a typed day may be saved: a day that exists, or nothing when the day is optional. */
export function dayOk(s: string | undefined, optional = true): boolean {
  const k = parseDay(s).kind;
  return k === 'ok' || (optional && k === 'empty');
}

/** A moment (RFC 3339 text or a Date) as "5 Mar 2026, 14:05" / "2026年3月5日 14:05" in the window's time zone. */
export function fmtDateTime(s: string | Date | undefined, lang?: string): string {
  if (!s) return '';
  const d = typeof s === 'string' ? new Date(s) : s;
  if (isNaN(d.getTime())) return '';
  const day = ymd(d.getFullYear(), d.getMonth() + 1, d.getDate(), lang);
  return `${day}${zh(lang) ? ' ' : ', '}${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A moment's time of day, "15:30" (24-hour, both languages). */
export function fmtTime(d: Date = new Date()): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A local "YYYY-MM-DDTHH:MM" (a meeting's time) with its weekday:
 * "Thu 12 Mar 2026, 14:30" / "2026年3月12日（星期四）14:30". The text itself when unreadable. */
export function fmtWhen(local: string, lang?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return local;
  const d = new Date(+m[1], +m[2] - 1, +m[3]);
  if (isNaN(d.getTime()) || +m[2] < 1 || +m[2] > 12) return local;
  const day = ymd(+m[1], +m[2], +m[3], lang);
  return zh(lang) ? `${day}（星期${weekdaysZh[d.getDay()]}）${m[4]}:${m[5]}` : `${weekdaysEn[d.getDay()]} ${day}, ${m[4]}:${m[5]}`;
}
