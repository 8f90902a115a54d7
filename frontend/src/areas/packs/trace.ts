// The leak-tracing screen's wire types and its words: what a trace found,
// said plainly for the officer (docs/leak-tracing.md says how sure each
// finding is and why).

import type { app } from '../../../wailsjs/go/models';
import type { Wire } from '../../lib/wire';
import { shortTime } from './model';
import { m } from '../../paraglide/messages';

export type TraceReport = Wire<app.TraceReport>;
export type TraceMatch = Wire<app.TraceMatch>;

/** How sure a finding is, as the badge shows it. */
export function certaintyLabel(c: string): string {
  return c === 'certain' ? m.pack_certain() : c === 'likely' ? m.pack_likely() : c === 'possible' ? m.pack_possible() : c;
}

/** "1 wording choice" / "3 wording choices". */
function choices(n: number): string {
  return m.pack_choices({ count: n });
}

/** The heading of a finding: which copy, for whom. */
export function matchTitle(x: TraceMatch): string {
  return m.pack_copy_for({ copy: x.copyNo, recipient: x.recipient });
}

/** The document and when and by whom it was exported. */
export function matchOrigin(x: TraceMatch): string {
  return m.pack_origin({ doc: x.docId, when: shortTime(x.at), who: x.by });
}

/** The entities a copy holds, shortened after three. */
export function matchEntities(x: TraceMatch): string {
  const n = x.entityNames.length;
  if (n === 0) return m.pack_no_entities();
  if (n <= 3) return x.entityNames.join('; ');
  return m.pack_names_more({ names: x.entityNames.slice(0, 3).join('; '), count: n - 3 });
}

/** What points to this copy, in words: the footer, the wording, or both. */
export function matchEvidence(x: TraceMatch, seen: number): string {
  const wording =
    seen === 0
      ? ''
      : x.disagree === 0
        ? m.pack_evidence_all({ choices: choices(seen) })
        : m.pack_evidence_some({ agree: x.agree, choices: choices(seen), count: x.disagree });
  if (x.footer) {
    return m.pack_evidence_footer() + (wording ? ' ' + wording : '');
  }
  return wording;
}

/**
 * Why the finding is as sure as it is; best is the first finding of the
 * list and count how many there are.
 */
export function certaintyReason(x: TraceMatch, best: TraceMatch, count: number): string {
  switch (x.certainty) {
    case 'certain':
      return x.footer ? m.pack_reason_certain_footer() : m.pack_reason_certain_wording();
    case 'likely':
      return x.disagree > 0 ? m.pack_reason_likely_edited() : m.pack_reason_likely_close();
    default: {
      if (x.footer) return m.pack_reason_possible_footer();
      const more = x.disagree - best.disagree;
      if (x !== best && more > 0) return m.pack_reason_possible_less({ count: more });
      return count > 1 ? m.pack_reason_possible_tie() : m.pack_reason_possible_little();
    }
  }
}

/** The finding in one sentence, above the list. */
export function reportSummary(r: TraceReport): string {
  const from = r.source ? r.source : m.pack_pasted_text();
  if (r.matches.length === 0) return m.pack_summary_none({ from });
  const best = r.matches[0];
  const found = best.footer ? m.pack_found_footer() : m.pack_found_wording({ choices: choices(r.seen) });
  const args = { from, copy: best.copyNo, recipient: best.recipient, found };
  if (best.certainty === 'certain' && r.matches.length === 1) return m.pack_summary_certain(args);
  if (best.certainty === 'certain') return m.pack_summary_certain_others(args);
  if (best.certainty === 'likely') return m.pack_summary_likely(args);
  return m.pack_summary_possible({ from, count: r.matches.length, found });
}

/** A warning when the text gave too little to go on, else ''. */
export function fewChoicesWarning(r: TraceReport): string {
  if (r.matches.some((x) => x.footer) || r.seen >= 10) return '';
  return m.pack_few_choices({ choices: choices(r.seen) });
}
