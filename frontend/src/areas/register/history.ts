// How the history says what left the register, in the officer's words.
import type { AuditEntry } from './types';
import { m } from '../../paraglide/messages';

type Locale = 'en' | 'zh-HK';

/** The kinds of published documents, as the backend names them
 * (register.LedgerKindLabel). */
const kindLabels: Record<string, (o?: { locale?: Locale }) => string> = {
  brief: (o) => m.reg_kind_brief({}, o),
  demand: (o) => m.reg_kind_demand({}, o),
  export: (o) => m.reg_kind_export({}, o),
  calendar: (o) => m.reg_kind_calendar({}, o),
  letter: (o) => m.reg_kind_letter({}, o),
  sheet: (o) => m.reg_kind_sheet({}, o),
};

/** A kind of published document in words ("Briefing pack"), in the window's language or the one given. */
export function kindLabel(kind: string, locale?: Locale): string {
  const o = locale ? { locale } : undefined;
  return (kindLabels[kind] ?? ((x) => m.reg_kind_other({}, x)))(o);
}

/**
 * The sentence for an "export" line: the backend's own wording
 * ("Briefing pack BRF-… for Dr Chan (copy 2), saved as pack.pdf"); a line an
 * older version recorded ("brief BRF-… for Dr Chan, copy 2" with the file
 * apart) is put in the same words.
 */
export function exportText(h: Pick<AuditEntry, 'field' | 'new' | 'detail'>): string {
  const label = kindLabel(h.field);
  // The backend's sentence (said in the window's language; it names the file) stays as it is.
  if (h.detail.startsWith(label) || h.detail.startsWith(kindLabel(h.field, 'en')) || h.detail.startsWith(kindLabel(h.field, 'zh-HK'))) return h.detail;
  if (h.detail.includes(', saved as ') || h.detail.includes('，已儲存為')) return h.detail;
  const rest = h.detail.startsWith(h.field + ' ')
    ? h.detail.slice(h.field.length + 1).replace(/, copy (\d+)$/, (_all, n: string) => ' ' + m.reg_copy_n({ n }))
    : '';
  const file = h.new ? m.reg_saved_as({ file: h.new.split(/[\\/]/).pop() ?? '' }) : '';
  return `${label}${rest ? ' ' + rest : ''}${file}`;
}
