// The intake's wire types (the generated models of app/intake.go) and the
// pure logic behind the review: what happens to each file, how the entity
// was found, the officer's pick per differing field, the problems in words.

import type { app } from '../../../wailsjs/go/models';
import type { Wire } from '../../lib/wire';
import { m } from '../../paraglide/messages';

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

/** One sentence on what the intake does (or did), in the window's language. */
export function summary(r: IntakeReview, picks: Picks = {}): string {
  const files = m.intake_n_files({ count: r.items.length });
  if (r.problems.length) return m.intake_sum_problems({ count: r.problems.length, files });
  const parts: string[] = [];
  if (r.created) parts.push(m.intake_sum_new({ count: r.created }));
  if (r.merged) parts.push(m.intake_sum_updated({ count: r.merged }));
  if (r.unchanged) parts.push(m.intake_sum_uptodate({ count: r.unchanged }));
  const imports = r.items.filter((i) => i.kind === 'import').length;
  if (imports) parts.push(m.intake_sum_imported({ count: imports }));
  if (r.evaluations) parts.push(m.intake_sum_evaluations({ count: r.evaluations }));
  const what = parts.length ? parts.join(m.intake_list_sep()) : m.intake_sum_nothing();
  if (r.applied) return m.intake_sum_took({ files, what });
  const diffs = differences(r).length;
  const taken = takeList(r, picks).length;
  const pickText = !diffs ? '' : taken ? m.intake_sum_diffs_taken({ count: diffs, taken }) : m.intake_sum_diffs_kept({ count: diffs });
  return m.intake_sum_would({ files, what }) + pickText;
}

/** What happens to the file's entity, in the officer's words. */
export function actionLabel(it: IntakeItem): string {
  if (it.kind === 'import') return m.intake_action_import();
  if (it.evaluations?.length && !it.action) return m.intake_action_evaluations();
  switch (it.action) {
    case 'create':
      return m.intake_action_create();
    case 'merge':
      return m.intake_action_merge();
    case 'unchanged':
      return m.intake_action_unchanged();
    default:
      return it.kind ? m.intake_action_not_taken() : m.intake_action_unreadable();
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
      return m.intake_found_entity();
    case 'earlier intake':
      return m.intake_found_earlier();
    case 'contact email':
      return m.intake_found_email();
    case 'name':
      return m.intake_found_name();
  }
  if (it.createdFrom === 'form') return m.intake_created_form();
  if (it.createdFrom === 'sender') return m.intake_created_sender();
  return '';
}

/** What kind of file an item is, in words. */
export function kindLabel(kind: string): string {
  switch (kind) {
    case 'email':
      return m.intake_kind_email();
    case 'form':
      return m.intake_kind_form();
    case 'import':
      return m.intake_kind_import();
    case 'evaluation':
      return m.intake_kind_evaluation();
    default:
      return m.intake_kind_file();
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
  const value = p.value && !p.message.includes(p.value) ? m.intake_problem_found({ value: p.value }) : '';
  return (p.file ? m.intake_problem_in({ file: p.file, message: p.message }) : p.message) + value;
}

/** A difference's place: the product's name and the field's label. */
export function changeLabel(c: IntakeChange): string {
  return c.product ? `${c.product} · ${c.label || c.field}` : c.label || c.field;
}

/** The most one file may be (the backend says so too). */
export const maxFileBytes = 50 << 20;

/** Why dropped or picked files are refused before they are sent, or null when they may go. */
export function refuseFiles(files: { name: string; size: number }[]): string | null {
  if (!files.length) return m.intake_refuse_none();
  for (const f of files) {
    if (f.size === 0) return m.intake_refuse_empty({ name: f.name });
    if (f.size > maxFileBytes) return m.intake_refuse_big({ name: f.name, size: (f.size / (1 << 20)).toFixed(1) });
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
  const who = { evaluator: e.evaluator, entity: e.entityName };
  const text = applied
    ? e.replaced
      ? m.intake_eval_replaced(who)
      : m.intake_eval_recorded(who)
    : e.replaced
      ? m.intake_eval_will_replace(who)
      : m.intake_eval_will_record(who);
  return e.unscored.length ? m.intake_eval_unscored({ text, aspects: e.unscored.join(m.intake_aspect_sep()) }) : m.intake_eval_sentence({ text });
}
