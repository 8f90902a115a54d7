// Wire types of the BriefingService and the export form's pure logic: which
// entities a pack holds, what each recipient's copy leaves out (conflicts of
// interest), and the request the form sends.

import type { app } from '../../../wailsjs/go/models';
import type { Wire } from '../../lib/wire';
import { fmtDateTime } from '../../lib/dates';
import { language } from '../../lib/i18n.svelte';
import { m } from '../../paraglide/messages';

export type PackMeeting = Wire<app.PackMeeting>;
export type PackEntity = Wire<app.PackEntity>;
export type PackPartner = Wire<app.PackPartner>;
export type PackSetup = Wire<app.PackSetup>;
export type Recipient = Wire<app.PackRecipient>;
export type ExportRequest = Wire<app.PackRequest>;
export type Replacement = Wire<app.ReplacedChars>;
export type Omission = Wire<app.PackOmission>;
export type FileResult = Wire<app.PackFileResult>;
export type ExportResult = Wire<app.PackResult>;
/** The payload of the brief:progress event (app.PackProgress; events are not in the generated models). */
export interface Progress {
  done: number;
  total: number;
  recipient: string;
  message: string;
}
export type LedgerRow = Wire<app.PackLedgerRow>;
export type Undelivered = Wire<app.UndeliveredDoc>;

/** What the export form holds. */
export interface ExportForm {
  source: 'meeting' | 'entities';
  meetingId: number;
  entityIds: number[];
  purpose: string;
  partnerIds: number[];
  others: string[]; // named recipients who are not partners
  firstCopy: number;
  anonymise: boolean;
  includeNotes: boolean;
  includeEvaluation: boolean;
  lang: 'en' | 'zh-HK'; // the packs' language
  password: string;
  password2: string;
  dir: string;
}

export function emptyForm(setup: PackSetup | null, meetingId = 0): ExportForm {
  const meeting = setup?.meetings.find((m) => m.id === meetingId) ?? setup?.meetings[0];
  return {
    source: setup && setup.meetings.length === 0 ? 'entities' : 'meeting',
    meetingId: meeting?.id ?? 0,
    entityIds: [],
    purpose: '',
    partnerIds: meeting ? [...meeting.partnerIds] : [],
    others: [],
    firstCopy: 1,
    anonymise: false,
    includeNotes: false,
    includeEvaluation: false,
    lang: language.current,
    password: '',
    password2: '',
    dir: setup?.defaultDir ?? '',
  };
}

/** The ids of the entities the pack is about, in order. */
export function packEntityIds(form: ExportForm, setup: PackSetup): number[] {
  if (form.source === 'meeting') {
    return setup.meetings.find((m) => m.id === form.meetingId)?.entityIds ?? [];
  }
  return form.entityIds;
}

/**
 * How a partner's conflicts bear on the pack: `inPack` of them are among the
 * pack's entities (left out of the partner's copy), `elsewhere` are not.
 */
export function partnerConflicts(partner: PackPartner, ids: number[]): { inPack: number; elsewhere: number } {
  const inPack = partner.conflicted.filter((id) => ids.includes(id)).length;
  return { inPack, elsewhere: partner.conflicted.length - inPack };
}

/** One recipient's copy as the form previews it. */
export interface CopyPreview {
  key: string;
  name: string;
  copyNo: number;
  entities: number; // how many entities the copy holds
  leftOut: string[]; // names of the entities left out for conflicts
}

/** Previews every copy: its number, and the entities a conflicted partner's copy leaves out. */
export function previewCopies(form: ExportForm, setup: PackSetup): CopyPreview[] {
  const ids = packEntityIds(form, setup);
  const names = new Map(setup.entities.map((e) => [e.id, e.name]));
  const out: CopyPreview[] = [];
  let copy = Math.max(1, Math.floor(form.firstCopy) || 1);
  for (const p of setup.partners.filter((p) => form.partnerIds.includes(p.id))) {
    const left = ids.filter((id) => p.conflicted.includes(id));
    const entities = ids.length - left.length;
    out.push({ key: `p${p.id}`, name: p.name, copyNo: entities > 0 ? copy : 0, entities, leftOut: left.map((id) => names.get(id) ?? `Entity ${id}`) });
    if (entities > 0) copy++;
  }
  for (const [i, name] of form.others.entries()) {
    out.push({ key: `o${i}`, name, copyNo: ids.length > 0 ? copy : 0, entities: ids.length, leftOut: [] });
    if (ids.length > 0) copy++;
  }
  return out;
}

/** Problems that stop the export, by form field; empty when it can go. */
export function formProblems(form: ExportForm, setup: PackSetup): Record<string, string> {
  const p: Record<string, string> = {};
  if (form.source === 'meeting') {
    const mt = setup.meetings.find((x) => x.id === form.meetingId);
    if (!mt) p.meeting = m.pack_err_meeting();
    else if (mt.entityIds.length === 0) p.meeting = m.pack_err_meeting_empty();
  } else if (form.entityIds.length === 0) {
    p.entities = m.pack_err_entities();
  }
  if (form.partnerIds.length === 0 && form.others.length === 0) p.recipients = m.pack_err_recipients();
  if (form.others.some((o) => o.trim() === '')) p.recipients = m.pack_err_recipient_name();
  if (!(form.firstCopy >= 1)) p.firstCopy = m.pack_err_first_copy();
  if (form.password !== form.password2) p.password2 = m.pack_err_passwords_differ();
  else if (form.password !== '' && form.password.length < 8) p.password = m.pack_err_password_short();
  if (form.dir.trim() === '') p.dir = m.pack_err_dir();
  return p;
}

/** The request the form sends to BriefingService.Export. */
export function toRequest(form: ExportForm): ExportRequest {
  return {
    meetingId: form.source === 'meeting' ? form.meetingId : 0,
    entityIds: form.source === 'entities' ? [...form.entityIds] : [],
    purpose: form.source === 'entities' ? form.purpose.trim() : '',
    recipients: [
      ...form.partnerIds.map((id) => ({ partnerId: id, name: '' })),
      ...form.others.map((name) => ({ partnerId: 0, name: name.trim() })),
    ],
    firstCopy: Math.max(1, Math.floor(form.firstCopy) || 1),
    anonymise: form.anonymise,
    includeNotes: form.includeNotes,
    includeEvaluation: form.includeEvaluation,
    lang: form.lang,
    password: form.password,
    dir: form.dir.trim(),
  };
}

/** Progress as a percentage, 0..100. */
export function percent(p: Progress | null): number {
  if (!p || p.total <= 0) return 0;
  return Math.round((100 * Math.min(p.done, p.total)) / p.total);
}

/** The file name of a path, for either separator. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** A time as the ledger shows it: "2026-03-12 14:30". */
export function shortTime(rfc3339: string): string {
  return fmtDateTime(rfc3339) || rfc3339;
}

/** Filters entities by a search text over their names (case-insensitive). */
export function filterEntities(list: PackEntity[], q: string): PackEntity[] {
  const t = q.trim().toLowerCase();
  return t ? list.filter((e) => e.name.toLowerCase().includes(t)) : list;
}
