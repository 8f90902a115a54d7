// The intake's wire types (the generated models of app/intake.go) and the
// pure logic behind the review: what happens to each file, how the entity
// was found, the officer's pick per differing field, the problems in words.

import type { app } from '../../../wailsjs/go/models';
import type { Wire } from '../../lib/wire';

export type IntakeUpload = Wire<app.IntakeUpload>;
export type IntakeReview = Wire<app.IntakeReview>;
export type IntakeItem = Wire<app.IntakeItemView>;
export type IntakeChange = Wire<app.IntakeChangeView>;
export type IntakeProblem = Wire<app.IntakeProblemView>;
export type IntakeAttachment = Wire<app.IntakeAttachmentView>;
export type EmailView = Wire<app.EmailView>;
export type EmailAddress = Wire<app.EmailAddress>;
export type IntakeEvaluation = Wire<app.IntakeEvaluationView>;

/** For one differing field: keep the register's value, or take the form's. */
export type Pick = 'register' | 'form';

/** The officer's picks by difference key; a key not there keeps the register's value. */
export type Picks = Record<string, Pick>;

/** Every difference of the review, in order, each key once. */
export function differences(r: IntakeReview): IntakeChange[] {
  const seen = new Set<string>();
  const out: IntakeChange[] = [];
  for (const it of r.items) {
    for (const d of it.differences ?? []) {
      if (seen.has(d.key)) continue;
      seen.add(d.key);
      out.push(d);
    }
  }
  return out;
}

/** The picks a review starts with: keep the register's value everywhere. */
export function defaultPicks(r: IntakeReview): Picks {
  return Object.fromEntries(differences(r).map((d) => [d.key, 'register' as Pick]));
}

/** The keys whose form value is to be taken (Confirm's take), in review order. */
export function takeList(r: IntakeReview, picks: Picks): string[] {
  return differences(r)
    .filter((d) => picks[d.key] === 'form')
    .map((d) => d.key);
}

/** Whether a review may be confirmed: still held, a dry run, something to take and no problem. */
export function canConfirm(r: IntakeReview | null): boolean {
  return !!r && !!r.token && r.dryRun && !r.applied && r.items.length > 0 && r.problems.length === 0;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** One sentence on what the intake does (or did). */
export function summary(r: IntakeReview, picks: Picks = {}): string {
  const files = plural(r.items.length, 'file');
  if (r.problems.length) {
    return `${plural(r.problems.length, 'problem')} in ${files}: nothing can be taken in until ${r.problems.length === 1 ? 'it is' : 'they are'} fixed.`;
  }
  const parts: string[] = [];
  if (r.created) parts.push(plural(r.created, 'new entity', 'new entities'));
  if (r.merged) parts.push(`${plural(r.merged, 'entity', 'entities')} updated`);
  if (r.unchanged) parts.push(`${plural(r.unchanged, 'entity', 'entities')} already up to date`);
  const imports = r.items.filter((i) => i.kind === 'import').length;
  if (imports) parts.push(`${plural(imports, 'spreadsheet')} imported`);
  if (r.evaluations) parts.push(`${plural(r.evaluations, 'evaluation')} from returned sheets`);
  const what = parts.length ? parts.join(', ') : 'nothing to change';
  if (r.applied) return `Took in ${files}: ${what}.`;
  const diffs = differences(r).length;
  const taken = takeList(r, picks).length;
  const pickText = diffs ? ` ${plural(diffs, 'field differs', 'fields differ')} from the register; ${taken ? `the form's value is taken for ${taken}` : 'the register keeps its values'}.` : '';
  return `Would take in ${files}: ${what}.${pickText}`;
}

/** What happens to the file's entity, in the officer's words. */
export function actionLabel(it: IntakeItem): string {
  if (it.kind === 'import') return 'Spreadsheet import';
  if (it.evaluations?.length && !it.action) return 'Evaluations recorded';
  switch (it.action) {
    case 'create':
      return 'New entity';
    case 'merge':
      return 'Merge into existing';
    case 'unchanged':
      return 'No change';
    default:
      return it.kind ? 'Not taken in' : 'Not readable';
  }
}

/** The badge class of an item's action. */
export function actionClass(it: IntakeItem): string {
  if (it.evaluations?.length && !it.action) return 'accent';
  switch (it.action) {
    case 'create':
      return 'ok';
    case 'merge':
      return 'accent';
    case 'unchanged':
      return '';
    default:
      return it.kind === 'import' ? 'accent' : 'danger';
  }
}

/** How the entity was found (or why it is new). */
export function foundText(it: IntakeItem): string {
  switch (it.matchedBy) {
    case 'entity':
      return 'the entity you dropped the files on';
    case 'earlier intake':
      return 'found by an earlier intake of this email';
    case 'contact email':
      return 'found by its contact email';
    case 'name':
      return 'found by its name';
  }
  if (it.createdFrom === 'form') return 'created from the filled RFI form';
  if (it.createdFrom === 'sender') return 'created from the email’s sender';
  return '';
}

/** What kind of file an item is, in words. */
export function kindLabel(kind: string): string {
  switch (kind) {
    case 'email':
      return 'Email';
    case 'form':
      return 'RFI form';
    case 'import':
      return 'Spreadsheet';
    case 'evaluation':
      return 'Evaluation sheet';
    default:
      return 'File';
  }
}

/** A mailbox as a person writes it: "Name <address>", or the address alone. */
export function addressText(a: EmailAddress): string {
  if (!a.name || a.name === a.email) return a.email;
  return a.email ? `${a.name} <${a.email}>` : a.name;
}

/** Mailboxes on one line. */
export function addressesText(as: EmailAddress[] | null | undefined): string {
  return (as ?? []).map(addressText).join(', ');
}

/**
 * A problem in words: the file, what is wrong and what to fix (the message
 * names the form's field by its label), and the value found when the
 * message does not quote it. The field's technical name is in p.field.
 */
export function problemText(p: IntakeProblem): string {
  const value = p.value && !p.message.includes(p.value) ? ` (found “${p.value}”)` : '';
  return `${p.file ? p.file + ': ' : ''}${p.message}${value}`;
}

/** A difference's place: the product's name and the field's label. */
export function changeLabel(c: IntakeChange): string {
  return c.product ? `${c.product} · ${c.label || c.field}` : c.label || c.field;
}

/** The most one file may be (the backend says so too). */
export const maxFileBytes = 50 << 20;

/** Why dropped or picked files are refused before they are sent, or null when they may go. */
export function refuseFiles(files: { name: string; size: number }[]): string | null {
  if (!files.length) return 'No file arrived. Drop emails (.eml, .msg), filled RFI forms or evaluation sheets (.pdf, .docx) or the import template.';
  for (const f of files) {
    if (f.size === 0) return `${f.name} is empty. Nothing was taken in.`;
    if (f.size > maxFileBytes) {
      return `${f.name} is ${(f.size / (1 << 20)).toFixed(1)} MB, more than the 50 MB an intake takes. Nothing was taken in.`;
    }
  }
  return null;
}

/** Whether a drag carries files (not text or a link dragged inside the page). */
export function dragHasFiles(types: readonly string[] | null | undefined): boolean {
  return !!types && Array.from(types).includes('Files');
}

/** The entities the intake touched, each once, for the links after Confirm. */
export function touchedEntities(r: IntakeReview): { id: number; name: string }[] {
  const out: { id: number; name: string }[] = [];
  const add = (id: number, name: string) => {
    if (id > 0 && !out.some((e) => e.id === id)) out.push({ id, name });
  };
  for (const it of r.items) {
    add(it.entityId, it.entityName);
    for (const e of it.evaluations ?? []) add(e.entityId, e.entityName);
  }
  return out;
}

/** One evaluation a returned sheet records, in words. */
export function evaluationText(e: IntakeEvaluation, applied: boolean): string {
  const verb = applied ? (e.replaced ? 'replaced' : 'recorded') : e.replaced ? 'replaces' : 'is recorded';
  const head = `${e.evaluator}'s evaluation of ${e.entityName} ${e.replaced ? `${verb} their earlier one` : verb}`;
  return e.unscored.length ? `${head}; left unscored: ${e.unscored.join('; ')}.` : `${head}.`;
}
