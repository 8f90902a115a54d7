import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { language } from '../../lib/i18n.svelte';
import {
  actionLabel,
  addressText,
  addressesText,
  canConfirm,
  changeLabel,
  defaultPicks,
  differences,
  dragHasFiles,
  evaluationText,
  foundText,
  kindLabel,
  problemText,
  refuseFiles,
  summary,
  takeList,
  touchedEntities,
  type IntakeChange,
  type IntakeItem,
  type IntakeReview,
} from './model';

function change(key: string, register: string, form: string, product = ''): IntakeChange {
  return { key, product, field: key.split('.').pop() ?? '', label: key.split('.').pop() ?? '', register, form, taken: false };
}

function item(over: Partial<IntakeItem> = {}): IntakeItem {
  return {
    file: 'reply.eml',
    kind: 'email',
    action: 'merge',
    entityId: 7,
    entityName: 'Harbour Cell Works',
    matchedBy: 'contact email',
    createdFrom: '',
    status: 'received',
    attachments: [],
    filled: [],
    differences: [],
    addedProducts: [],
    alreadyTakenIn: false,
    notes: [],
    import: '',
    evaluations: [],
    sheetDocId: '',
    ...over,
  };
}

function review(over: Partial<IntakeReview> = {}): IntakeReview {
  return { token: 'tok', dryRun: true, applied: false, items: [item()], problems: [], created: 0, merged: 1, unchanged: 0, evaluations: 0, ...over };
}

const phone = change('entity.contact_phone', '+852 2100 0000', '+852 3900 1234');
const comp = change('product.hc-001.composition', 'T cells', 'Autologous T cells', 'HC-001');

describe('picks and the take list', () => {
  const r = review({ items: [item({ differences: [phone, comp] }), item({ file: 'again.eml', differences: [phone] })] });

  it('lists each difference once, in order', () => {
    expect(differences(r).map((d) => d.key)).toEqual(['entity.contact_phone', 'product.hc-001.composition']);
  });
  it('keeps the register by default, so nothing is taken', () => {
    const picks = defaultPicks(r);
    expect(picks).toEqual({ 'entity.contact_phone': 'register', 'product.hc-001.composition': 'register' });
    expect(takeList(r, picks)).toEqual([]);
  });
  it('takes exactly the fields picked from the form, in review order', () => {
    expect(takeList(r, { 'product.hc-001.composition': 'form', 'entity.contact_phone': 'form' })).toEqual([
      'entity.contact_phone',
      'product.hc-001.composition',
    ]);
    expect(takeList(r, { 'entity.contact_phone': 'register', 'product.hc-001.composition': 'form' })).toEqual(['product.hc-001.composition']);
  });
  it('ignores a pick for a key the review does not have', () => {
    expect(takeList(r, { 'entity.address': 'form' })).toEqual([]);
  });
});

describe('canConfirm', () => {
  it('allows a clean dry run', () => expect(canConfirm(review())).toBe(true));
  it('refuses while there are problems', () =>
    expect(canConfirm(review({ problems: [{ file: 'f.pdf', field: 'contact_email', value: 'x', message: 'Not an email address.' }] }))).toBe(false));
  it('refuses without a token, after Confirm, with no file, or nothing', () => {
    expect(canConfirm(review({ token: '' }))).toBe(false);
    expect(canConfirm(review({ applied: true, dryRun: false }))).toBe(false);
    expect(canConfirm(review({ items: [] }))).toBe(false);
    expect(canConfirm(null)).toBe(false);
  });
});

describe('summary', () => {
  it('says what would happen and what the picks do', () => {
    const r = review({ items: [item({ differences: [phone, comp] })] });
    expect(summary(r)).toBe('Would take in 1 file: 1 entity updated. 2 fields differ from the register; the register keeps its values.');
    expect(summary(r, { 'entity.contact_phone': 'form' })).toBe(
      "Would take in 1 file: 1 entity updated. 2 fields differ from the register; the form's value is taken for 1.",
    );
  });
  it('names a single problem', () => {
    expect(summary(review({ problems: [{ file: 'a.pdf', field: '', value: '', message: 'x' }] }))).toBe(
      '1 problem in 1 file: nothing can be taken in until it is fixed.',
    );
  });
  it('names the problems first', () => {
    const r = review({ problems: [{ file: 'a.pdf', field: '', value: '', message: 'x' }, { file: 'b.pdf', field: '', value: '', message: 'y' }] });
    expect(summary(r)).toBe('2 problems in 1 file: nothing can be taken in until they are fixed.');
  });
  it('says what was done after Confirm', () => {
    const r = review({ token: '', dryRun: false, applied: true, created: 1, merged: 1, items: [item(), item({ action: 'create' })] });
    expect(summary(r)).toBe('Took in 2 files: 1 new entity, 1 entity updated.');
  });
});

describe('words', () => {
  it('says how the entity was found or made', () => {
    expect(foundText(item())).toBe('found by its contact email');
    expect(foundText(item({ matchedBy: 'name' }))).toBe('found by its name');
    expect(foundText(item({ matchedBy: 'entity' }))).toBe('the entity you dropped the files on');
    expect(foundText(item({ matchedBy: '', createdFrom: 'form', action: 'create' }))).toBe('created from the filled RFI form');
    expect(foundText(item({ matchedBy: '', createdFrom: 'sender', action: 'create' }))).toBe('created from the email’s sender');
  });
  it('labels actions', () => {
    expect(actionLabel(item({ action: 'create' }))).toBe('New entity');
    expect(actionLabel(item({ action: 'unchanged' }))).toBe('No change');
    expect(actionLabel(item({ action: '', kind: '' }))).toBe('Not readable');
    expect(actionLabel(item({ action: '', kind: 'import' }))).toBe('Spreadsheet import');
  });
  it('writes mailboxes as people do', () => {
    expect(addressText({ name: '陳大文', email: 'tai.man@harbour.example' })).toBe('陳大文 <tai.man@harbour.example>');
    expect(addressText({ name: '', email: 'a@b.example' })).toBe('a@b.example');
    expect(addressesText([{ name: 'A', email: 'a@x.example' }, { name: '', email: 'b@x.example' }])).toBe('A <a@x.example>, b@x.example');
    expect(addressesText(null)).toBe('');
  });
  it('puts a problem in one line: file, field, what to fix, and the value', () => {
    expect(problemText({ file: 'reply.pdf', field: 'contact_email', value: 'ada(at)x', message: 'Email: not an email address; write it as name@domain.' })).toBe(
      'reply.pdf: Email: not an email address; write it as name@domain. (found “ada(at)x”)',
    );
    expect(problemText({ file: 'r.eml', field: 'contact_email', value: 'ada(at)x', message: 'Email: "ada(at)x" is not an email address.' })).toBe(
      'r.eml: Email: "ada(at)x" is not an email address.',
    );
    expect(problemText({ file: 'x.eml', field: 'file', value: '', message: 'Not an email.' })).toBe('x.eml: Not an email.');
  });
  it('names a product field with its product', () => {
    expect(changeLabel(comp)).toBe('HC-001 · composition');
    expect(changeLabel(phone)).toBe('contact_phone');
  });
});

describe('files', () => {
  it('refuses empty, too large or no files before sending', () => {
    expect(refuseFiles([])).toMatch(/No file arrived/);
    expect(refuseFiles([{ name: 'a.eml', size: 0 }])).toBe('a.eml is empty. Nothing was taken in.');
    expect(refuseFiles([{ name: 'big.msg', size: 60 << 20 }])).toMatch(/big.msg is 60.0 MB, more than the 50 MB/);
    expect(refuseFiles([{ name: 'a.eml', size: 10 }, { name: 'b.pdf', size: 50 << 20 }])).toBeNull();
  });
  it('tells a drag of files from other drags', () => {
    expect(dragHasFiles(['Files'])).toBe(true);
    expect(dragHasFiles(['text/plain'])).toBe(false);
    expect(dragHasFiles(undefined)).toBe(false);
  });
  it('links each touched entity once', () => {
    const r = review({ items: [item(), item({ file: 'b.pdf' }), item({ entityId: 9, entityName: 'New Co' }), item({ entityId: 0 })] });
    expect(touchedEntities(r)).toEqual([
      { id: 7, name: 'Harbour Cell Works' },
      { id: 9, name: 'New Co' },
    ]);
  });
});

describe('returned evaluation sheets', () => {
  const ev = { entityId: 12, entityName: 'Tide Cell Co', evaluator: 'Dr Fictional Wong', replaced: false, unscored: [] as string[] };
  const sheet = item({ file: 'sheet.pdf', kind: 'evaluation', action: '', entityId: 0, entityName: '', matchedBy: '', evaluations: [ev, { ...ev, entityId: 13, entityName: 'Reef Gene Ltd', replaced: true }] });
  it('says what a sheet records, never "not taken in"', () => {
    expect(kindLabel('evaluation')).toBe('Evaluation sheet');
    expect(actionLabel(sheet)).toBe('Evaluations recorded');
    expect(summary(review({ items: [sheet], merged: 0, evaluations: 2 }))).toBe('Would take in 1 file: 2 evaluations from returned sheets.');
    expect(touchedEntities(review({ items: [sheet] }))).toEqual([
      { id: 12, name: 'Tide Cell Co' },
      { id: 13, name: 'Reef Gene Ltd' },
    ]);
  });
  it('words each evaluation before and after', () => {
    expect(evaluationText(ev, false)).toBe("Dr Fictional Wong's evaluation of Tide Cell Co is recorded.");
    expect(evaluationText({ ...ev, replaced: true }, false)).toBe("Dr Fictional Wong's evaluation of Tide Cell Co replaces their earlier one.");
    expect(evaluationText({ ...ev, replaced: true, unscored: ['Job creation and training'] }, true)).toBe(
      "Dr Fictional Wong's evaluation of Tide Cell Co replaced their earlier one; left unscored: Job creation and training.",
    );
  });
});

describe('in Chinese', () => {
  beforeAll(() => language.choose('zh-HK'));
  afterAll(() => language.choose('en'));
  it('words the summary with the glossary terms and full-width punctuation', () => {
    const r = review({ items: [item({ differences: [phone, comp] })] });
    expect(summary(r)).toBe('將收錄 1 個檔案：更新 1 個機構。有 2 個欄位與登記冊不同；登記冊保留原有的值。');
    expect(summary(review({ problems: [{ file: 'a.pdf', field: '', value: '', message: 'x' }] }))).toBe('1 個檔案中有 1 個問題：問題修正前，不能收錄任何內容。');
    expect(summary(review({ token: '', dryRun: false, applied: true, created: 1, merged: 1, items: [item(), item({ action: 'create' })] }))).toBe(
      '已收錄 2 個檔案：新增 1 個機構，更新 1 個機構。',
    );
  });
  it('labels kinds, actions, problems and evaluations', () => {
    expect(kindLabel('evaluation')).toBe('評審表');
    expect(actionLabel(item({ action: 'create' }))).toBe('新機構');
    expect(problemText({ file: 'reply.pdf', field: 'contact_email', value: 'ada(at)x', message: '電郵地址無效。' })).toBe('reply.pdf：電郵地址無效。（讀到「ada(at)x」）');
    expect(evaluationText({ entityId: 1, entityName: '潮汐細胞', evaluator: '王博士', replaced: false, unscored: ['技術能力及水平'] }, true)).toBe(
      '已記錄王博士對潮汐細胞的評審；未評分：技術能力及水平。',
    );
    expect(refuseFiles([{ name: 'a.eml', size: 0 }])).toBe('「a.eml」是空白檔案。沒有收錄任何內容。');
  });
});

describe('English plurals', () => {
  it('counts one and many, with thousands separated', () => {
    const many = Array.from({ length: 1200 }, (_, i) => item({ file: `f${i}.eml` }));
    expect(summary(review({ items: many, merged: 0, unchanged: 1 }))).toBe('Would take in 1,200 files: 1 entity already up to date.');
    expect(summary(review({ merged: 2 }))).toBe('Would take in 1 file: 2 entities updated.');
  });
});
