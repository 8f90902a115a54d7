// What the send dialog and the sheet lists work out without the backend:
// which chosen entities each evaluator's sheet leaves out, and how a sheet's
// state reads.

import { fmtDate as houseDate } from '../../lib/dates';
import { m } from '../../paraglide/messages';

/** The entities of `chosen` the evaluator's sheet leaves out (conflicts), in the chosen order. */
export function leftOut(chosen: number[], conflicted: number[]): number[] {
  const c = new Set(conflicted);
  return chosen.filter((id) => c.has(id));
}

/** Evaluators (by name) whose sheet would be empty: conflicted with every chosen entity. */
export function emptySheets(chosen: number[], evaluators: { name: string; conflicted: number[] }[]): string[] {
  if (chosen.length === 0) return [];
  return evaluators.filter((e) => leftOut(chosen, e.conflicted).length === chosen.length).map((e) => e.name);
}

/** A sheet's state for people: "Returned 3 Mar 2026", "Overdue by 2 days", "Due 10 Mar 2026". */
export function stateText(s: { state: string; due: string; returnedAt: string; daysLate: number }): string {
  if (s.state === 'returned') return m.sheet_returned_on({ date: fmtDay(s.returnedAt) });
  if (s.state === 'overdue') return m.sheet_overdue_by({ count: s.daysLate });
  return s.due ? m.sheet_due_on({ date: fmtDate(s.due) }) : m.sheet_out();
}

/** The badge class of a sheet's state: status colours carry meaning only. */
export function stateBadge(state: string): string {
  return state === 'overdue' ? 'overdue' : state === 'returned' ? 'ok' : '';
}

/** A moment (RFC 3339, as the backend sends it in UTC) as the house style's
 * day in the window's time zone: "2026-03-07T23:30:00Z" is 8 Mar in Hong Kong.
 * The text itself when it is no time. */
export function fmtDay(moment: string): string {
  const d = new Date(moment);
  if (!/T/.test(moment) || isNaN(d.getTime())) return fmtDate(moment);
  const pad = (n: number) => String(n).padStart(2, '0');
  return fmtDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
}

/** "2026-03-10" as the house style's day (the text itself when it is no date). */
export function fmtDate(d: string): string {
  return houseDate(d) || d;
}

/** The entities' names as a short list: "A, B and 3 more" ("A、B及另外 3 個"). */
export function namesText(names: string[], max = 2): string {
  const sep = m.sheet_names_sep();
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= max + 1) return m.sheet_names_two({ first: names.slice(0, -1).join(sep), last: names[names.length - 1] });
  return m.sheet_names_more({ names: names.slice(0, max).join(sep), count: names.length - max });
}

/** An alpha for people: "0.62", or "—" when it is not defined. */
export function fmtAlpha(a: number | null | undefined): string {
  return a == null ? '—' : a.toFixed(2);
}

/**
 * How an alpha reads, after Krippendorff's guidance (docs/evaluation-agreement.md):
 * 0.800 and above reliable, from 0.667 tentative, below that the panel does
 * not agree enough to rely on its means alone.
 */
export function alphaReading(a: number | null | undefined): { label: string; tone: string } {
  if (a == null) return { label: m.eval_alpha_none(), tone: '' };
  if (a >= 0.8) return { label: m.eval_alpha_good(), tone: 'ok' };
  if (a >= 0.667) return { label: m.eval_alpha_tentative(), tone: 'warning' };
  return { label: m.eval_alpha_low(), tone: 'danger' };
}
