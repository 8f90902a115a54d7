import { describe, expect, it } from 'vitest';
import { actionLabel, canImport, problemsText, problemText, refuseFile, rowsText, summary, visibleRows } from './model';
import { language } from '../../lib/i18n.svelte';
import type { ImportReport, PreviewRow } from './model';
import { app } from '../../../wailsjs/go/models';

// The fixtures are built with the generated classes: a field renamed in Go
// fails the type check here too.
function report(over: Partial<ImportReport> = {}): ImportReport {
  return app.ImportReport.createFrom({
    file: { name: 'replies.csv', sha256: 'ab' },
    format: 'csv',
    dryRun: true,
    applied: false,
    rows: 3,
    entities: [],
    created: 2,
    merged: 0,
    unchanged: 0,
    added: 3,
    updated: 0,
    problems: [],
    columns: [],
    ...over,
  } satisfies Omit<ImportReport, 'convertValues'>);
}

describe('summary', () => {
  it.each([
    [report(), 'Would import 3 rows: 2 new entities, 3 products added.'],
    [report({ dryRun: false, applied: true }), 'Imported 3 rows: 2 new entities, 3 products added.'],
    [report({ created: 0, added: 0, unchanged: 2 }), 'Nothing to import: 2 entities already up to date.'],
    [report({ problems: [{ row: 2, column: 'atp_type', value: 'x', reason: 'bad' }] }), '1 problem in 3 rows: nothing can be imported until the file is fixed.'],
    [report({ rows: 0, created: 0, added: 0 }), 'The file has a header but no rows.'],
  ])('%#', (r, want) => {
    expect(summary(r)).toBe(want);
  });
});

describe('canImport', () => {
  const p = (r: ImportReport, token = 't') => app.ImportPreview.createFrom({ token, report: r, rows: [], truncated: false } satisfies Omit<app.ImportPreview, 'convertValues'>);
  it('needs a clean dry run that changes something', () => {
    expect(canImport(p(report()))).toBe(true);
    expect(canImport(p(report(), ''))).toBe(false);
    expect(canImport(p(report({ problems: [{ row: 1, column: 'x', value: '', reason: 'r' }] })))).toBe(false);
    expect(canImport(p(report({ created: 0, merged: 0 })))).toBe(false);
    expect(canImport(p(report({ dryRun: false })))).toBe(false);
    expect(canImport(null)).toBe(false);
  });
});

describe('rows and problems', () => {
  const rows: PreviewRow[] = [
    { row: 2, entity: 'A', email: '', product: 'P', action: 'create', problems: [] },
    { row: 3, entity: 'B', email: '', product: 'Q', action: '', problems: [{ row: 3, column: 'atp_type', value: 'x', reason: 'Unknown.' }] },
  ].map((r) => app.PreviewRow.createFrom(r satisfies Omit<PreviewRow, 'convertValues'>));
  it('filters to rows with problems', () => {
    expect(visibleRows(rows, true).map((r) => r.row)).toEqual([3]);
    expect(visibleRows(rows, false)).toHaveLength(2);
  });
  it('labels actions and problems', () => {
    expect(actionLabel('')).toBe('Rejected');
    expect(actionLabel('merge')).toBe('Merge into existing');
    expect(problemText(rows[1].problems[0])).toBe('atp_type: Unknown. (was “x”)');
    expect(problemText({ row: 3, column: 'atp_type', value: 'x', reason: '"x" is not known.' })).toBe('atp_type: "x" is not known.');
    expect(actionLabel('valid')).toBe('Valid');
  });
});

describe('files', () => {
  it('refuses empty and large files before sending them', () => {
    expect(refuseFile('a.csv', 0)).toContain('empty');
    expect(refuseFile('a.csv', 50 << 20)).toContain('50.0 MB');
    expect(refuseFile('a.csv', 100)).toBeNull();
  });
});

describe('plurals and Chinese', () => {
  it('says "1 row" and "1 entity", never "row(s)"', () => {
    expect(summary(report({ rows: 1, created: 1, added: 1 }))).toBe('Would import 1 row: 1 new entity, 1 product added.');
    expect(summary(report({ rows: 1, created: 0, merged: 1, added: 0, updated: 1 }))).toBe('Would import 1 row: 1 entity merged, 1 product updated.');
    expect(summary(report({ rows: 1500, created: 0, added: 0, merged: 1000 }))).toBe('Would import 1,500 rows: 1,000 entities merged.');
    expect(rowsText(1)).toBe('1 row');
    expect(problemsText(2)).toBe('2 problems');
  });
  it('words the summary in Chinese', () => {
    language.choose('zh-HK');
    try {
      expect(summary(report())).toBe('將匯入 3 列：新增 2 個機構，加入 3 項產品。');
      expect(summary(report({ problems: [{ row: 2, column: 'atp_type', value: 'x', reason: 'bad' }] }))).toBe('3 列中有 1 個問題：檔案修正前，不能匯入任何內容。');
      expect(actionLabel('')).toBe('不獲接納');
      expect(problemText({ row: 3, column: 'atp_type', value: 'x', reason: '不明類別。' })).toBe('atp_type：不明類別。（原為「x」）');
    } finally {
      language.choose('en');
    }
  });
});
