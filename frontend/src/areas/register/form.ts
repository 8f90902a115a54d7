// Pure logic of the RFI form: blank records, which conditional items apply,
// what is sent on save, and how the backend's field problems map to inputs.
import type { Entity, Submission } from './types';
import type { FieldError } from '../../lib/errors';

/** A submission with every RFI item unanswered. */
export function blankSubmission(): Submission {
  return {
    id: 0,
    entity_id: 0,
    product_name: '',
    composition: '',
    pharmaceutical_form: '',
    therapeutic_indication: '',
    routes: [],
    route_other: '',
    atp_type: '',
    gene_vector: '',
    intended_use: '',
    intended_use_other: '',
    starting_materials: [],
    starting_materials_other: '',
    process_type: '',
    pd_completed: null,
    pd_further: '',
    gmp_before: null,
    has_authorized_person: null,
    needs_training: null,
    training_roles: [],
    training_details: '',
    expected_start: '',
    notes: '',
  };
}

/** A new entity, received today, with one blank product. */
export function blankEntity(today: string): Entity {
  return {
    id: 0,
    name: '',
    address: '',
    contact_name: '',
    contact_email: '',
    contact_phone: '',
    status: 'received',
    received_on: today,
    source: '',
    notes: '',
    tags: [],
    submissions: [blankSubmission()],
  };
}

/** The conditional items of a submission: which of them apply now. */
export interface Applies {
  routeOther: boolean;
  geneVector: boolean;
  intendedUseOther: boolean;
  materialsOther: boolean;
  pdFurther: boolean;
  training: boolean;
}

/** Which conditional items the RFI asks, given the answers so far. */
export function applies(s: Submission): Applies {
  return {
    routeOther: s.routes.includes('other'),
    geneVector: s.atp_type === 'gene_therapy',
    intendedUseOther: s.intended_use === 'other',
    materialsOther: s.starting_materials.includes('other'),
    pdFurther: s.pd_completed === false,
    training: s.needs_training === true,
  };
}

/**
 * The submission as it is saved: answers to items that no longer apply are
 * dropped (the officer may have typed them before changing the answer that
 * asks for them), so the backend never sees a contradiction.
 */
export function forSave(s: Submission): Submission {
  const a = applies(s);
  return {
    ...s,
    routes: [...s.routes],
    starting_materials: [...s.starting_materials],
    route_other: a.routeOther ? s.route_other : '',
    gene_vector: a.geneVector ? s.gene_vector : '',
    intended_use_other: a.intendedUseOther ? s.intended_use_other : '',
    starting_materials_other: a.materialsOther ? s.starting_materials_other : '',
    pd_further: a.pdFurther ? s.pd_further : '',
    training_roles: a.training ? [...s.training_roles] : [],
    training_details: a.training ? s.training_details : '',
  };
}

/** The entity as it is saved (see forSave), tags from their text. */
export function entityForSave(e: Entity, tagsText: string): Entity {
  return { ...e, tags: parseTags(tagsText), submissions: e.submissions.map(forSave) };
}

/** Splits "a, b; c" into trimmed, non-empty tags without repeats (ignoring case). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[;,]/)) {
    const t = raw.trim().replace(/\s+/g, ' ');
    const k = t.toLowerCase();
    if (t && !seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  }
  return out;
}

/** Toggles code in a multi-choice list, keeping the choices' order. */
export function toggle(list: string[], code: string, on: boolean, order: string[]): string[] {
  const set = new Set(list);
  if (on) set.add(code);
  else set.delete(code);
  return order.filter((c) => set.has(c)).concat([...set].filter((c) => !order.includes(c)));
}

/** The backend's field problems by field name ("submissions[i].field" for products). */
export function errorsByField(fields: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    if (!(f.field in out)) out[f.field] = f.message;
  }
  return out;
}

/** The field name of a submission's item as the backend names it. */
export function subField(i: number, field: string): string {
  return `submissions[${i}].${field}`;
}

/**
 * Renumbers field problems after product i was removed from the form, so the
 * remaining products keep their own messages.
 */
export function dropProductErrors(errors: Record<string, string>, removed: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^submissions\[(\d+)\]\.(.+)$/.exec(k);
    if (!m) {
      out[k] = v;
      continue;
    }
    const i = Number(m[1]);
    if (i === removed) continue;
    out[subField(i > removed ? i - 1 : i, m[2])] = v;
  }
  return out;
}

/** A stable text of what the form holds, to tell whether it changed. */
export function fingerprint(e: Entity, tagsText: string): string {
  return JSON.stringify(entityForSave(e, tagsText));
}

/** A yes/no answer from a radio's value. */
export function yesNoFrom(v: string): boolean | null {
  return v === 'yes' ? true : v === 'no' ? false : null;
}
