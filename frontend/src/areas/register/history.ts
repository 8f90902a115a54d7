// How the history says what left the register, in the officer's words.
import type { AuditEntry } from './types';

/** The kinds of published documents, as the backend names them
 * (register.LedgerKindLabel). */
const kindLabels: Record<string, string> = {
  brief: 'Briefing pack',
  demand: 'Demand summary',
  export: 'Register export',
  calendar: 'Calendar file',
  letter: 'Letter',
  sheet: 'Evaluation sheet',
};

/** A kind of published document in words ("Briefing pack"). */
export function kindLabel(kind: string): string {
  return kindLabels[kind] ?? 'Document';
}

/**
 * The sentence for an "export" line: the backend's own wording
 * ("Briefing pack BRF-… for Dr Chan (copy 2), saved as pack.pdf"); a line an
 * older version recorded ("brief BRF-… for Dr Chan, copy 2" with the file
 * apart) is put in the same words.
 */
export function exportText(h: Pick<AuditEntry, 'field' | 'new' | 'detail'>): string {
  const label = kindLabel(h.field);
  if (h.detail.startsWith(label)) return h.detail;
  const rest = h.detail.startsWith(h.field + ' ') ? h.detail.slice(h.field.length + 1).replace(/, copy (\d+)$/, ' (copy $1)') : '';
  const file = h.new ? `, saved as ${h.new.split(/[\\/]/).pop()}` : '';
  return `${label}${rest ? ' ' + rest : ''}${file}`;
}
