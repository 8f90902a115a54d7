import { describe, expect, it } from 'vitest';
import { certaintyReason, fewChoicesWarning, matchEntities, matchEvidence, matchTitle, reportSummary, type TraceMatch, type TraceReport } from './trace';

const match = (over: Partial<TraceMatch> = {}): TraceMatch => ({
  ledgerId: 4,
  docId: 'BP-20260312-ABCDEFGHJKMNP',
  recipient: 'Dr Fictional Reader Two',
  copyNo: 2,
  at: '2026-03-12T14:30:00+08:00',
  by: 'Joyce Lam',
  entityNames: ['Harbourline Cell Therapeutics Ltd', '翠峰細胞醫學有限公司'],
  fileName: 'briefing-pack.pdf',
  footer: false,
  certainty: 'certain',
  agree: 21,
  disagree: 0,
  ...over,
});

const report = (matches: TraceMatch[], seen = 21, source = ''): TraceReport => ({ source, seen, matches });

describe('trace words', () => {
  it('names the copy and its entities', () => {
    expect(matchTitle(match())).toBe('Copy 2 for Dr Fictional Reader Two');
    expect(matchEntities(match())).toBe('Harbourline Cell Therapeutics Ltd; 翠峰細胞醫學有限公司');
    expect(matchEntities(match({ entityNames: ['A', 'B', 'C', 'D', 'E'] }))).toBe('A; B; C and 2 more');
    expect(matchEntities(match({ entityNames: [] }))).toBe('No entities');
  });

  it('says what agrees and what does not', () => {
    expect(matchEvidence(match(), 21)).toBe('All 21 wording choices read match this copy.');
    expect(matchEvidence(match({ agree: 19, disagree: 2, certainty: 'likely' }), 21)).toBe(
      '19 of the 21 wording choices read match this copy; 2 do not.',
    );
    expect(matchEvidence(match({ agree: 0, disagree: 1 }), 1)).toBe('0 of the 1 wording choice read match this copy; 1 does not.');
    expect(matchEvidence(match({ footer: true }), 21)).toMatch(/^The document number and copy number printed at the foot of its pages name this copy\. All 21/);
    expect(matchEvidence(match({ footer: true, agree: 0 }), 0)).toBe('The document number and copy number printed at the foot of its pages name this copy.');
  });

  it('says why it is as sure as it is', () => {
    const m = match();
    expect(certaintyReason(m, m, 2)).toMatch(/every other copy .* at least two/);
    const f = match({ footer: true });
    expect(certaintyReason(f, f, 1)).toBe('Certain: the pages name it.');
    const l1 = match({ certainty: 'likely', disagree: 1 });
    expect(certaintyReason(l1, l1, 2)).toMatch(/not exactly/);
    const l0 = match({ certainty: 'likely' });
    expect(certaintyReason(l0, l0, 2)).toMatch(/another comes close/);
    const p0 = match({ certainty: 'possible' });
    expect(certaintyReason(p0, p0, 2)).toMatch(/another copy fits the text as well/);
    expect(certaintyReason(match({ certainty: 'possible' }), p0, 2)).toMatch(/another copy fits the text as well/);
    expect(certaintyReason(p0, p0, 1)).toMatch(/too little/);
    expect(certaintyReason(match({ certainty: 'possible', copyNo: 1, disagree: 1 }), l0, 2)).toBe(
      'Possible, but less likely than the first: it differs from the text in 1 more wording choice.',
    );
    expect(certaintyReason(match({ certainty: 'possible', copyNo: 1, disagree: 3 }), l1, 2)).toMatch(/in 2 more wording choices\.$/);
  });

  it('sums the finding up', () => {
    expect(reportSummary(report([match()]))).toBe(
      'The pasted text comes from copy 2 for Dr Fictional Reader Two, found by its wording (21 wording choices read).',
    );
    expect(reportSummary(report([match({ footer: true })], 21, 'leak.pdf'))).toBe(
      'leak.pdf comes from copy 2 for Dr Fictional Reader Two, found by the numbers in its footers.',
    );
    expect(reportSummary(report([match(), match({ copyNo: 1, certainty: 'possible', disagree: 1 })]))).toMatch(/the other copies listed fit it less well/);
    expect(reportSummary(report([match({ certainty: 'likely' }), match({ copyNo: 1, certainty: 'possible', disagree: 1 })], 10))).toBe(
      'The pasted text most likely comes from copy 2 for Dr Fictional Reader Two, found by its wording (10 wording choices read); not for certain.',
    );
    expect(reportSummary(report([match({ certainty: 'possible' }), match({ copyNo: 1, certainty: 'possible' })], 4))).toBe(
      'The pasted text can come from 2 copies, found by its wording (4 wording choices read); none for certain.',
    );
    expect(reportSummary(report([], 12, 'notes.txt'))).toMatch(/^notes\.txt: no briefing pack in the ledger fits/);
  });

  it('warns when the text gave little to go on', () => {
    expect(fewChoicesWarning(report([match({ certainty: 'possible' })], 4))).toMatch(/^Only 4 wording choices/);
    expect(fewChoicesWarning(report([match({ footer: true })], 4))).toBe('');
    expect(fewChoicesWarning(report([match()], 21))).toBe('');
  });
});
