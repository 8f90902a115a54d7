// Pure logic of the register list: the query, column order, the virtual
// list's arithmetic (which rows are on screen, which windows of rows to
// fetch, where the selection moves and how far to scroll) and the small
// formatting the rows need.
import type { ListQuery, SortKey } from './types';
import { m } from '../../paraglide/messages';

/** Rows fetched from the register at a time (one window of the list). */
export const WINDOW = 100;

/** Rows rendered beyond each edge of the screen, so a short scroll shows no gap. */
export const OVERSCAN = 6;

/** The list's starting query: every entity, the latest received first. */
export function defaultQuery(): ListQuery {
  return {
    search: '',
    statuses: [],
    atpType: '',
    intendedUse: '',
    processType: '',
    completeness: '',
    sort: 'received_on',
    desc: true,
    offset: 0,
    limit: WINDOW,
  };
}

/** Columns whose natural first order is descending (newest, most, highest first). */
const descFirst: SortKey[] = ['updated_at', 'received_on', 'products', 'missing', 'score'];

/** The list a query shows, whatever part of it is fetched: the same key, the same rows. */
export function listKey(q: ListQuery): string {
  return JSON.stringify({ ...q, offset: 0, limit: 0 });
}

/** The query ordered by key: a second click on the same column reverses it (from the first row). */
export function sortBy(q: ListQuery, key: SortKey): ListQuery {
  const desc = q.sort === key ? !q.desc : descFirst.includes(key);
  return { ...q, sort: key, desc, offset: 0 };
}

/** Whether any filter (not the search) narrows the list. */
export function filtered(q: ListQuery): boolean {
  return q.statuses.length > 0 || !!q.atpType || !!q.intendedUse || !!q.processType || !!q.completeness;
}

/** "10,000 entities", "1 entity", "No entities" (in the window's language). */
export function countText(total: number): string {
  if (total === 0) return m.reg_total_none();
  return m.reg_total({ count: total, n: total.toLocaleString('en-GB') });
}

/**
 * The rows [start, end) to render for a list scrolled to scrollTop in a box
 * view pixels tall whose header is head pixels tall and rows row pixels
 * each: those on screen and overscan more at each end, within total.
 */
export function visibleRange(scrollTop: number, view: number, head: number, row: number, total: number, overscan = OVERSCAN): { start: number; end: number } {
  if (total <= 0 || row <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / row);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, view - head)) / row);
  const start = Math.max(0, Math.min(first, total - 1) - overscan);
  const end = Math.min(total, Math.max(last, first + 1) + overscan);
  return { start, end };
}

/** The windows (row offset / WINDOW) that hold the rows [start, end). */
export function windowsOf(start: number, end: number, size = WINDOW): number[] {
  const out: number[] = [];
  if (end <= start) return out;
  for (let w = Math.floor(start / size); w * size < end; w++) out.push(w);
  return out;
}

/** The rows a screen holds (PageUp/PageDown move by this many). */
export function screenRows(view: number, head: number, row: number): number {
  return Math.max(1, Math.floor((view - head) / row) - 1);
}

/**
 * The row to select after a key (arrows by one, PageUp/PageDown by a screen
 * of `screen` rows, Home/End to the ends), kept within the count rows of
 * the list. No row selected: down keys select the first, up keys the last
 * one reachable.
 */
export function moveSelection(current: number, count: number, key: string, screen = 1): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'PageDown':
      return current < 0 ? 0 : Math.min(count - 1, current + screen);
    case 'PageUp':
      return Math.max(0, current - screen);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
  return current;
}

/**
 * The scrollTop that brings row index into view in a box view pixels tall
 * (its sticky header head pixels tall): unchanged when it is in view
 * already, else just enough to show it at the nearer edge.
 */
export function scrollToShow(index: number, scrollTop: number, view: number, head: number, row: number): number {
  const top = index * row; // the row's top below the header
  const room = Math.max(row, view - head);
  if (top < scrollTop) return top;
  if (top + row > scrollTop + room) return top + row - room;
  return scrollTop;
}

export { fmtDate, fmtDateTime } from '../../lib/dates';

/** A byte count for people: "812 B", "14.2 KB", "3.1 MB". */
export function fmtSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The incomplete badge's text. */
export function missingText(n: number): string {
  return m.reg_missing({ count: n });
}

/** The status filter's summary: "All statuses", one or two labels, or "3 statuses". */
export function statusFilterText(selected: string[], choices: { code: string; label: string }[]): string {
  if (selected.length === 0) return m.reg_all_statuses();
  if (selected.length > 2) return m.reg_n_statuses({ count: selected.length });
  return choices
    .filter((c) => selected.includes(c.code))
    .map((c) => c.label)
    .join(m.reg_list_sep());
}

/** selected with code added or removed, kept in the choices' (pipeline) order. */
export function toggleCode(selected: string[], code: string, order: string[]): string[] {
  const on = !selected.includes(code);
  return order.filter((c) => (c === code ? on : selected.includes(c)));
}

/** At most this many names are listed in the bulk dialog; the rest are counted. */
export const NAMES_SHOWN = 8;

/**
 * The names of the entities a bulk action works on, short enough to read:
 * the first max of names, then "and 9,992 more entities" (in the window's
 * language), total being how many there are in all (names may hold only the
 * first max + 1). One name more than max is listed rather than counted.
 */
export function namesText(names: readonly string[], total = names.length, max = NAMES_SHOWN): string {
  const sep = m.reg_list_sep();
  if (total <= max + 1) return names.slice(0, total).join(sep);
  const rest = total - max;
  return m.reg_bulk_names_more({ names: names.slice(0, max).join(sep), count: rest, n: rest.toLocaleString('en-GB') });
}
