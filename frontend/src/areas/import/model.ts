// The import screen's wire types (the generated models) and the pure logic
// behind the screen: labels, summaries, what may be imported.

import type { app } from '../../../wailsjs/go/models';

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
      return 'New';
    case 'merge':
      return 'Merge into existing';
    case 'add':
      return 'Add product';
    case 'update':
      return 'Update product';
    case 'unchanged':
      return 'No change';
    case 'valid':
      return 'Valid';
    default:
      return 'Rejected';
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

/** "1 row", "2 rows", "1,000 entities": a count with its noun, singular for one. */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** One sentence on what the import does (or would do, on a dry run). */
export function summary(r: ImportReport): string {
  if (r.problems.length > 0) {
    return `${plural(r.problems.length, 'problem')} in ${plural(r.rows, 'row')}: nothing can be imported until the file is fixed.`;
  }
  if (r.rows === 0) return 'The file has a header but no rows.';
  const parts: string[] = [];
  if (r.created) parts.push(`${plural(r.created, 'new entity', 'new entities')}`);
  if (r.merged) parts.push(`${plural(r.merged, 'entity', 'entities')} merged`);
  if (r.added) parts.push(`${plural(r.added, 'product')} added`);
  if (r.updated) parts.push(`${plural(r.updated, 'product')} updated`);
  if (r.unchanged) parts.push(`${plural(r.unchanged, 'entity', 'entities')} already up to date`);
  const what = parts.join(', ');
  if (r.created + r.merged === 0) return `Nothing to import: ${what}.`;
  return r.dryRun ? `Would import ${plural(r.rows, 'row')}: ${what}.` : `Imported ${plural(r.rows, 'row')}: ${what}.`;
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
  const col = p.column ? `${p.column}: ` : '';
  const value = p.value && !p.reason.includes(p.value) ? ` (was “${p.value}”)` : '';
  return col + p.reason + value;
}

/** The most an import takes (the facade says so too, for files picked natively). */
export const maxFileBytes = 32 << 20;

/** Why a dropped file is refused before it is sent, or null when it may go. */
export function refuseFile(name: string, size: number): string | null {
  if (size === 0) return `${name} is empty. Choose a CSV or XLSX file with a header row and one row per product.`;
  if (size > maxFileBytes) {
    return `${name} is ${(size / (1 << 20)).toFixed(1)} MB, more than the 32 MB an import takes. Split it into smaller files.`;
  }
  return null;
}
