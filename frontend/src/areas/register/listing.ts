// Pure logic of the register list: the query, column order, paging and the
// small formatting the rows need.
import type { ListQuery, SortKey } from './types';
import { m } from '../../paraglide/messages';

/** Rows fetched per page: enough to fill a tall window, small enough to render at once. */
export const PAGE_SIZE = 100;

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
    limit: PAGE_SIZE,
  };
}

/** Columns whose natural first order is descending (newest, most, highest first). */
const descFirst: SortKey[] = ['updated_at', 'received_on', 'products', 'missing', 'score'];

/** The query ordered by key: a second click on the same column reverses it. Paging restarts. */
export function sortBy(q: ListQuery, key: SortKey): ListQuery {
  const desc = q.sort === key ? !q.desc : descFirst.includes(key);
  return { ...q, sort: key, desc, offset: 0 };
}

/** Whether any filter (not the search) narrows the list. */
export function filtered(q: ListQuery): boolean {
  return q.statuses.length > 0 || !!q.atpType || !!q.intendedUse || !!q.processType || !!q.completeness;
}

/** "1–100 of 10,000", "3 entities", "No entities" (in the window's language). */
export function rangeText(offset: number, shown: number, total: number): string {
  const n = total.toLocaleString('en-GB');
  if (total === 0) return m.reg_range_none();
  if (shown >= total) return m.reg_range_all({ count: total, n });
  return m.reg_range({ from: (offset + 1).toLocaleString('en-GB'), to: (offset + shown).toLocaleString('en-GB'), total: n });
}

/** The offset of the page before or after, kept within the rows there are. */
export function pageOffset(offset: number, total: number, step: -1 | 1): number {
  const next = offset + step * PAGE_SIZE;
  if (next < 0) return 0;
  if (next >= total) return offset;
  return next;
}

/** The row to select after an arrow key, kept within the page. */
export function moveSelection(current: number, count: number, key: string): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
  return current;
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
