// The import screen's wire types (the generated models) and the pure logic
// behind the screen: labels, summaries, what may be imported.

import type { app } from '../../../wailsjs/go/models';
import { m } from '../../paraglide/messages';

// The wire types are the generated classes of the facade's Go types
// (app/interchange.go): a renamed Go field fails the type check here.
export type Problem = app.ImportProblem;
export type ImportProduct = app.ImportProduct;
export type ImportEntity = app.ImportEntity;
export type ImportReport = app.ImportReport;
export type PreviewRow = app.PreviewRow;
export type ImportPreview = app.ImportPreview;

/** What happens to a row, in the officer's words. */
export function actionLabel(action: string): string {
  switch (action) {
    case 'create':
      return m.intake_imp_action_create();
    case 'merge':
      return m.intake_imp_action_merge();
    case 'add':
      return m.intake_imp_action_add();
    case 'update':
      return m.intake_imp_action_update();
    case 'unchanged':
      return m.intake_imp_action_unchanged();
    case 'valid':
      return m.intake_imp_action_valid();
    default:
      return m.intake_imp_action_rejected();
  }
}

/** The badge class of an action: new and changed rows stand out, rejected ones are red. */
export function actionClass(action: string): string {
  switch (action) {
    case 'create':
    case 'add':
      return 'ok';
    case 'merge':
    case 'update':
      return 'accent';
    case 'unchanged':
    case 'valid':
      return '';
    default:
      return 'danger';
  }
}

/** "1 row", "2 rows", "1,000 rows" (「3 列」 in Chinese). */
export function rowsText(n: number): string {
  return m.intake_imp_rows({ count: n });
}

/** "1 problem", "2 problems" (「2 個問題」). */
export function problemsText(n: number): string {
  return m.intake_imp_problems({ count: n });
}

/** One sentence on what the import does (or would do, on a dry run), in the window's language. */
export function summary(r: ImportReport): string {
  const rows = rowsText(r.rows);
  if (r.problems.length > 0) return m.intake_imp_sum_problems({ count: r.problems.length, rows });
  if (r.rows === 0) return m.intake_imp_sum_no_rows();
  const parts: string[] = [];
  if (r.created) parts.push(m.intake_imp_sum_new({ count: r.created }));
  if (r.merged) parts.push(m.intake_imp_sum_merged({ count: r.merged }));
  if (r.added) parts.push(m.intake_imp_sum_added({ count: r.added }));
  if (r.updated) parts.push(m.intake_imp_sum_updated({ count: r.updated }));
  if (r.unchanged) parts.push(m.intake_imp_sum_uptodate({ count: r.unchanged }));
  const what = parts.join(m.intake_list_sep());
  if (r.created + r.merged === 0) return m.intake_imp_sum_nothing({ what });
  return r.dryRun ? m.intake_imp_sum_would({ rows, what }) : m.intake_imp_sum_done({ rows, what });
}

/** Whether a checked file may be imported: no problems and something to change. */
export function canImport(p: ImportPreview | null): boolean {
  if (!p || !p.token || !p.report.dryRun) return false;
  return p.report.problems.length === 0 && p.report.created + p.report.merged > 0;
}

/** The rows to show: all, or only those with problems. */
export function visibleRows(rows: PreviewRow[], onlyProblems: boolean): PreviewRow[] {
  return onlyProblems ? rows.filter((r) => r.problems.length > 0) : rows;
}

/** A problem in one line: the column, the reason, and the value when the reason does not quote it. */
export function problemText(p: Problem): string {
  const value = p.value && !p.reason.includes(p.value) ? m.intake_imp_problem_was({ value: p.value }) : '';
  return (p.column ? m.intake_imp_problem_in({ column: p.column, reason: p.reason }) : p.reason) + value;
}

/** The most an import takes (the facade says so too, for files picked natively). */
export const maxFileBytes = 32 << 20;

/** Why a dropped file is refused before it is sent, or null when it may go. */
export function refuseFile(name: string, size: number): string | null {
  if (size === 0) return m.intake_imp_refuse_empty({ name });
  if (size > maxFileBytes) return m.intake_imp_refuse_big({ name, size: (size / (1 << 20)).toFixed(1) });
  return null;
}
