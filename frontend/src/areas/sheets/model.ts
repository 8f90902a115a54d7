// What the send dialog and the sheet lists work out without the backend:
// which chosen entities each evaluator's sheet leaves out, and how a sheet's
// state reads.

import { fmtDate as houseDate } from '../../lib/dates';

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
  if (s.state === 'returned') return `Returned ${fmtDate(s.returnedAt.slice(0, 10))}`;
  if (s.state === 'overdue') return `Overdue by ${s.daysLate} day${s.daysLate === 1 ? '' : 's'}`;
  return s.due ? `Due ${fmtDate(s.due)}` : 'Out';
}

/** The badge class of a sheet's state: status colours carry meaning only. */
export function stateBadge(state: string): string {
  return state === 'overdue' ? 'overdue' : state === 'returned' ? 'ok' : '';
}

/** "2026-03-10" as the house style's day (the text itself when it is no date). */
export function fmtDate(d: string): string {
  return houseDate(d) || d;
}

/** The entities' names as a short list: "A, B and 3 more". */
export function namesText(names: string[], max = 2): string {
  if (names.length <= max + 1) return names.length <= 1 ? (names[0] ?? '') : names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
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
  if (a == null) return { label: 'not yet measurable', tone: '' };
  if (a >= 0.8) return { label: 'good agreement', tone: 'ok' };
  if (a >= 0.667) return { label: 'tentative agreement', tone: 'warning' };
  return { label: 'low agreement', tone: 'danger' };
}
