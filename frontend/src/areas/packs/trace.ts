// The leak-tracing screen's wire types and its words: what a trace found,
// said plainly for the officer (docs/leak-tracing.md says how sure each
// finding is and why).

import type { app } from '../../../wailsjs/go/models';
import type { Wire } from '../../lib/wire';
import { shortTime } from './model';

export type TraceReport = Wire<app.TraceReport>;
export type TraceMatch = Wire<app.TraceMatch>;

/** How sure a finding is, as the badge shows it. */
export const certaintyLabel: Record<string, string> = {
  certain: 'Certain',
  likely: 'Likely',
  possible: 'Possible',
};

/** "1 choice" / "3 choices". */
function choices(n: number): string {
  return `${n} wording ${n === 1 ? 'choice' : 'choices'}`;
}

/** The heading of a finding: which copy, for whom. */
export function matchTitle(m: TraceMatch): string {
  return `Copy ${m.copyNo} for ${m.recipient}`;
}

/** The document and when and by whom it was exported. */
export function matchOrigin(m: TraceMatch): string {
  return `Document ${m.docId}, exported ${shortTime(m.at)} by ${m.by}`;
}

/** The entities a copy holds, shortened after three. */
export function matchEntities(m: TraceMatch): string {
  const n = m.entityNames.length;
  if (n === 0) return 'No entities';
  if (n <= 3) return m.entityNames.join('; ');
  return `${m.entityNames.slice(0, 3).join('; ')} and ${n - 3} more`;
}

/** What points to this copy, in words: the footer, the wording, or both. */
export function matchEvidence(m: TraceMatch, seen: number): string {
  const wording =
    seen === 0
      ? ''
      : m.disagree === 0
        ? `All ${choices(seen)} read match this copy.`
        : `${m.agree} of the ${choices(seen)} read match this copy; ${m.disagree} ${m.disagree === 1 ? 'does' : 'do'} not.`;
  if (m.footer) {
    return `The document number and copy number printed at the foot of its pages name this copy.${wording ? ' ' + wording : ''}`;
  }
  return wording;
}

/**
 * Why the finding is as sure as it is; best is the first finding of the
 * list and count how many there are.
 */
export function certaintyReason(m: TraceMatch, best: TraceMatch, count: number): string {
  switch (m.certainty) {
    case 'certain':
      return m.footer
        ? 'Certain: the pages name it.'
        : 'Certain: every other copy in the ledger differs from the text in at least two wording choices.';
    case 'likely':
      return m.disagree > 0
        ? 'Likely: it fits the text better than any other copy, but not exactly; the text may have been edited, or mixed from more than one copy.'
        : 'Likely: it fits the text better than any other copy, but another comes close; give more of the text to be sure.';
    default: {
      if (m.footer) return 'Possible: the text names more than one copy, or none by number.';
      const more = m.disagree - best.disagree;
      if (m !== best && more > 0) {
        return `Possible, but less likely than the first: it differs from the text in ${more} more wording ${more === 1 ? 'choice' : 'choices'}.`;
      }
      return count > 1
        ? 'Possible: another copy fits the text as well; give more of the text (a whole entity page) to tell them apart.'
        : 'Possible: too little of the text to be sure; give more of it (a whole entity page).';
    }
  }
}

/** The finding in one sentence, above the list. */
export function reportSummary(r: TraceReport): string {
  const from = r.source ? r.source : 'The pasted text';
  if (r.matches.length === 0) {
    return `${from}: no briefing pack in the ledger fits. Only packs exported from this register can be traced.`;
  }
  const best = r.matches[0];
  const footer = best.footer ? 'by the numbers in its footers' : `by its wording (${choices(r.seen)} read)`;
  if (best.certainty === 'certain' && r.matches.length === 1) {
    return `${from} comes from copy ${best.copyNo} for ${best.recipient}, found ${footer}.`;
  }
  if (best.certainty === 'certain') {
    return `${from} comes from copy ${best.copyNo} for ${best.recipient}, found ${footer}; the other copies listed fit it less well.`;
  }
  if (best.certainty === 'likely') {
    return `${from} most likely comes from copy ${best.copyNo} for ${best.recipient}, found ${footer}; not for certain.`;
  }
  const n = r.matches.length;
  return `${from} can come from ${n === 1 ? 'one copy' : `${n} copies`}, found ${footer}; none for certain.`;
}

/** A warning when the text gave too little to go on, else ''. */
export function fewChoicesWarning(r: TraceReport): string {
  if (r.matches.some((m) => m.footer) || r.seen >= 10) return '';
  return `Only ${choices(r.seen)} could be read in the text. A whole entity page gives about twenty: paste more of it to be sure.`;
}
