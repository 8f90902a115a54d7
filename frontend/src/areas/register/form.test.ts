import { describe, expect, it } from 'vitest';
import {
  applies,
  blankEntity,
  blankSubmission,
  dropProductErrors,
  entityForSave,
  errorsByField,
  fingerprint,
  forSave,
  parseTags,
  toggle,
  yesNoFrom,
} from './form';

describe('applies', () => {
  it.each([
    ['nothing for a blank submission', {}, { routeOther: false, geneVector: false, intendedUseOther: false, materialsOther: false, pdFurther: false, training: false }],
    ['route other', { routes: ['intravenous', 'other'] }, { routeOther: true }],
    ['vector for gene therapy', { atp_type: 'gene_therapy' }, { geneVector: true }],
    ['no vector for cell therapy', { atp_type: 'cell_therapy' }, { geneVector: false }],
    ['intended use other', { intended_use: 'other' }, { intendedUseOther: true }],
    ['materials other', { starting_materials: ['other'] }, { materialsOther: true }],
    ['further development when not completed', { pd_completed: false }, { pdFurther: true }],
    ['no further development when completed', { pd_completed: true }, { pdFurther: false }],
    ['no further development when unanswered', { pd_completed: null }, { pdFurther: false }],
    ['training when needed', { needs_training: true }, { training: true }],
    ['no training when not needed', { needs_training: false }, { training: false }],
  ])('%s', (_name, patch, want) => {
    expect(applies({ ...blankSubmission(), ...patch })).toMatchObject(want);
  });
});

describe('forSave', () => {
  it('drops answers to items that no longer apply', () => {
    const s = {
      ...blankSubmission(),
      routes: ['intravenous'],
      route_other: 'Intra-articular',
      atp_type: 'cell_therapy',
      gene_vector: 'viral',
      intended_use: 'phase_1',
      intended_use_other: 'Named patient',
      starting_materials: ['cord_blood'],
      starting_materials_other: 'Biopsy',
      pd_completed: true,
      pd_further: 'Scale-up',
      needs_training: false,
      training_roles: ['head_of_qc'],
      training_details: 'Annex 1',
    };
    const got = forSave(s);
    expect(got).toMatchObject({ route_other: '', gene_vector: '', intended_use_other: '', starting_materials_other: '', pd_further: '', training_roles: [], training_details: '' });
    expect(s.route_other).toBe('Intra-articular');
  });
  it('keeps answers to items that apply', () => {
    const s = {
      ...blankSubmission(),
      routes: ['other'],
      route_other: 'Intra-articular',
      atp_type: 'gene_therapy',
      gene_vector: 'viral',
      intended_use: 'other',
      intended_use_other: 'Named patient',
      starting_materials: ['other'],
      starting_materials_other: 'Biopsy',
      pd_completed: false,
      pd_further: 'Scale-up',
      needs_training: true,
      training_roles: ['head_of_qc'],
      training_details: 'Annex 1',
    };
    expect(forSave(s)).toEqual(s);
  });
});

describe('entity', () => {
  it('starts received today with one blank product', () => {
    const e = blankEntity('2026-03-05');
    expect(e.status).toBe('received');
    expect(e.received_on).toBe('2026-03-05');
    expect(e.submissions).toHaveLength(1);
  });
  it('takes tags from their text', () => {
    expect(entityForSave(blankEntity(''), 'CAR-T; priority').tags).toEqual(['CAR-T', 'priority']);
  });
  it('fingerprints what is saved, not hidden answers', () => {
    const e = blankEntity('');
    const before = fingerprint(e, '');
    e.submissions[0].route_other = 'typed while other was ticked';
    expect(fingerprint(e, '')).toBe(before);
    e.name = 'Fictional Cell Ltd';
    expect(fingerprint(e, '')).not.toBe(before);
  });
});

describe('parseTags', () => {
  it.each([
    ['', []],
    ['a, b; c', ['a', 'b', 'c']],
    [' CAR-T ,car-t,  follow   up ', ['CAR-T', 'follow up']],
    ['細胞治療;;', ['細胞治療']],
  ])('%j', (text, want) => {
    expect(parseTags(text)).toEqual(want);
  });
});

describe('toggle', () => {
  const order = ['intravenous', 'intradermal', 'subcutaneous', 'other'];
  it.each([
    [[], 'other', true, ['other']],
    [['other'], 'intravenous', true, ['intravenous', 'other']],
    [['intravenous', 'other'], 'intravenous', false, ['other']],
    [['intravenous'], 'intravenous', true, ['intravenous']],
  ])('%j %s %s', (list, code, on, want) => {
    expect(toggle(list, code, on, order)).toEqual(want);
  });
});

describe('field problems', () => {
  it('keeps the first message of each field', () => {
    expect(
      errorsByField([
        { field: 'contact_email', message: 'Not an email.' },
        { field: 'contact_email', message: 'Second.' },
        { field: 'submissions[1].product_name', message: 'Required.' },
      ]),
    ).toEqual({ contact_email: 'Not an email.', 'submissions[1].product_name': 'Required.' });
  });
  it('renumbers products after one is removed', () => {
    expect(
      dropProductErrors({ name: 'n', 'submissions[0].a': 'x', 'submissions[1].b': 'y', 'submissions[2].c': 'z' }, 1),
    ).toEqual({ name: 'n', 'submissions[0].a': 'x', 'submissions[1].c': 'z' });
  });
  it.each([
    ['yes', true],
    ['no', false],
    ['', null],
  ])('yes/no %s', (v, want) => {
    expect(yesNoFrom(v)).toBe(want);
  });
});
