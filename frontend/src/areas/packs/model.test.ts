import { describe, expect, it } from 'vitest';
import { baseName, emptyForm, filterEntities, formProblems, partnerConflicts, percent, previewCopies, toRequest, type PackSetup } from './model';

const setup: PackSetup = {
  meetings: [
    { id: 2, title: 'Dialogue meeting 2', startsAt: '2026-05-15T14:30:00+08:00', entityIds: [7, 12, 31], partnerIds: [1, 2] },
    { id: 1, title: 'Empty meeting', startsAt: '2026-03-12T14:30:00+08:00', entityIds: [], partnerIds: [1] },
  ],
  entities: [
    { id: 7, name: 'Harbourline Cell Therapeutics Ltd', status: 'invited', statusLabel: 'Invited to dialogue', complete: true },
    { id: 12, name: '翠峰細胞醫學有限公司', status: 'invited', statusLabel: 'Invited to dialogue', complete: true },
    { id: 31, name: 'Kowloon Bay Biologics Ltd', status: 'screening', statusLabel: 'Screening', complete: false },
  ],
  partners: [
    { id: 1, name: 'Harbour University', facility: 'GMP suite', conflicted: [] },
    { id: 2, name: 'Tide Cove University', facility: 'GMP facility', conflicted: [12] },
  ],
  defaultDir: '/home/officer/Documents',
  officer: 'Joyce Lam',
};

describe('emptyForm', () => {
  it('starts on the newest meeting with its partners as recipients', () => {
    const f = emptyForm(setup);
    expect(f.source).toBe('meeting');
    expect(f.meetingId).toBe(2);
    expect(f.partnerIds).toEqual([1, 2]);
    expect(f.dir).toBe('/home/officer/Documents');
  });
  it('takes a chosen meeting', () => {
    expect(emptyForm(setup, 1).partnerIds).toEqual([1]);
  });
  it('falls back to entities without meetings', () => {
    expect(emptyForm({ ...setup, meetings: [] }).source).toBe('entities');
  });
});

describe('previewCopies', () => {
  it('numbers copies and shows what a conflicted partner misses', () => {
    const f = { ...emptyForm(setup), others: ['Dr Ada Lam'], firstCopy: 3 };
    expect(previewCopies(f, setup)).toEqual([
      { key: 'p1', name: 'Harbour University', copyNo: 3, entities: 3, leftOut: [] },
      { key: 'p2', name: 'Tide Cove University', copyNo: 4, entities: 2, leftOut: ['翠峰細胞醫學有限公司'] },
      { key: 'o0', name: 'Dr Ada Lam', copyNo: 5, entities: 3, leftOut: [] },
    ]);
  });
  it('gives no copy to a partner conflicted with every entity', () => {
    const f = { ...emptyForm(setup), source: 'entities' as const, entityIds: [12] };
    const p = previewCopies(f, setup);
    expect(p.map((c) => [c.name, c.copyNo])).toEqual([
      ['Harbour University', 1],
      ['Tide Cove University', 0],
    ]);
  });
});

describe('formProblems', () => {
  const ok = emptyForm(setup);
  it.each([
    ['no problems', ok, {}],
    ['empty meeting', { ...ok, meetingId: 1 }, { meeting: 'This meeting discusses no entities yet.' }],
    ['no entities', { ...ok, source: 'entities' as const }, { entities: 'Choose at least one entity.' }],
    ['no recipients', { ...ok, partnerIds: [] }, { recipients: 'Choose at least one recipient.' }],
    ['blank other', { ...ok, others: [' '] }, { recipients: 'Every recipient needs a name.' }],
    ['passwords differ', { ...ok, password: 'long enough', password2: 'different' }, { password2: 'The two passwords differ.' }],
    ['short password', { ...ok, password: 'short', password2: 'short' }, { password: 'Use at least 8 characters, or leave it empty.' }],
    ['no folder', { ...ok, dir: ' ' }, { dir: 'Choose the folder to save the packs in.' }],
    ['copy zero', { ...ok, firstCopy: 0 }, { firstCopy: 'The first copy number must be 1 or more.' }],
  ])('%s', (_name, form, want) => {
    expect(formProblems(form, setup)).toEqual(want);
  });
});

describe('toRequest', () => {
  it('sends a meeting with partners and named recipients', () => {
    const r = toRequest({ ...emptyForm(setup), others: [' Dr Ada Lam '], anonymise: true, password: 'secret pass' });
    expect(r).toEqual({
      meetingId: 2,
      entityIds: [],
      purpose: '',
      recipients: [
        { partnerId: 1, name: '' },
        { partnerId: 2, name: '' },
        { partnerId: 0, name: 'Dr Ada Lam' },
      ],
      firstCopy: 1,
      anonymise: true,
      includeNotes: false,
      includeEvaluation: false,
      lang: 'en',
      password: 'secret pass',
      dir: '/home/officer/Documents',
    });
  });
  it('sends the chosen language', () => {
    expect(toRequest({ ...emptyForm(setup), lang: 'zh-HK' }).lang).toBe('zh-HK');
  });
  it('sends chosen entities with a purpose', () => {
    const r = toRequest({ ...emptyForm(setup), source: 'entities', entityIds: [31, 7], purpose: ' Screening ' });
    expect([r.meetingId, r.entityIds, r.purpose]).toEqual([0, [31, 7], 'Screening']);
  });
});

describe('helpers', () => {
  it.each([
    [null, 0],
    [{ done: 1, total: 3, recipient: '', message: '' }, 33],
    [{ done: 5, total: 3, recipient: '', message: '' }, 100],
  ])('percent(%j) = %d', (p, want) => expect(percent(p)).toBe(want));
  it('baseName handles both separators', () => {
    expect(baseName('/a/b/BP-1-copy1.pdf')).toBe('BP-1-copy1.pdf');
    expect(baseName('C:\\x\\y.pdf')).toBe('y.pdf');
  });
  it('filters entities by name', () => {
    expect(filterEntities(setup.entities, '翠峰').map((e) => e.id)).toEqual([12]);
    expect(filterEntities(setup.entities, ' ').length).toBe(3);
  });
});

describe('partnerConflicts', () => {
  const tide = { id: 2, name: 'Tide Cove University', facility: '', conflicted: [12, 40] };
  it.each([
    { ids: [7, 12, 31], inPack: 1, elsewhere: 1 },
    { ids: [7, 31], inPack: 0, elsewhere: 2 },
    { ids: [12, 40], inPack: 2, elsewhere: 0 },
    { ids: [], inPack: 0, elsewhere: 2 },
  ])('counts the conflicts among $ids', ({ ids, inPack, elsewhere }) => {
    expect(partnerConflicts(tide, ids)).toEqual({ inPack, elsewhere });
  });
  it('is zero for a partner without conflicts', () => {
    expect(partnerConflicts(setup.partners[0], [7, 12])).toEqual({ inPack: 0, elsewhere: 0 });
  });
});
