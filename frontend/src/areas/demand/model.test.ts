import { describe, expect, it } from 'vitest';
import {
  barData,
  countsText,
  drillDown,
  entitiesOf,
  filterText,
  maxCount,
  mix,
  shortLabel,
  timelineData,
  toggleStatus,
  type DemandView,
} from './model';

const all = ['received', 'screening', 'evaluation', 'invited'];

// A small fictional dashboard: two entities, three products.
const view: DemandView = {
  registerTotal: 2,
  suppressionRule: 'rule',
  statuses: [
    { code: 'received', label: 'Received', entities: 1 },
    { code: 'invited', label: 'Invited to dialogue', entities: 1 },
  ],
  entities: [
    { id: 7, name: 'Fictional Alpha Ltd', status: 'invited', statusLabel: 'Invited to dialogue', products: 2 },
    { id: 9, name: 'Fictional Beta Ltd', status: 'received', statusLabel: 'Received', products: 1 },
  ],
  summary: {
    statuses: [],
    entities: 2,
    submissions: 3,
    withoutSubmissions: 0,
    dimensions: [
      {
        key: 'atp_type',
        title: 'Type of ATP product and vector',
        multi: false,
        rows: [
          { code: 'cell_therapy', label: 'Cell therapy product', entities: 2, submissions: 2, entityIds: [7, 9] },
          { code: 'tissue_engineered', label: 'Tissue engineered product', entities: 1, submissions: 1, entityIds: [7] },
        ],
      },
    ],
    timeline: {
      quarters: ['2027-Q1', '2027-Q2'],
      series: [
        { code: 'cell_therapy', label: 'Cell therapy product', cells: [
          { entities: 1, submissions: 1, entityIds: [9] }, { entities: 1, submissions: 1, entityIds: [7] }] },
        { code: 'unanswered', label: 'Type not stated', cells: [
          { entities: 0, submissions: 0, entityIds: [] }, { entities: 0, submissions: 0, entityIds: [] }] },
      ],
      totals: [{ entities: 1, submissions: 1, entityIds: [9] }, { entities: 1, submissions: 1, entityIds: [7] }],
      undated: { code: 'undated', label: 'No expected start given', entities: 1, submissions: 1, entityIds: [7] },
    },
  },
};

describe('toggleStatus', () => {
  it.each([
    [[], 'invited', ['invited']],
    [['invited'], 'received', ['received', 'invited']],
    [['received', 'invited'], 'received', ['invited']],
    [['invited'], 'invited', []],
  ])('%j toggling %s gives %j in pipeline order', (sel, code, want) => {
    expect(toggleStatus(sel, code, all)).toEqual(want);
  });
});

describe('drillDown', () => {
  it('lists the entities behind a row', () => {
    const d = drillDown(view, { kind: 'row', dim: 'atp_type', code: 'cell_therapy' });
    expect(d?.title).toBe('Cell therapy product');
    expect(d?.context).toBe('Type of ATP product and vector');
    expect(d?.list.map((e) => e.name)).toEqual(['Fictional Alpha Ltd', 'Fictional Beta Ltd']);
    expect([d?.entities, d?.submissions]).toEqual([2, 2]);
  });
  it('lists the entities behind a timeline segment and a quarter', () => {
    expect(drillDown(view, { kind: 'cell', series: 'cell_therapy', quarter: 1 })?.list.map((e) => e.id)).toEqual([7]);
    expect(drillDown(view, { kind: 'cell', series: 'cell_therapy', quarter: 1 })?.title).toBe('Cell therapy product, 2027-Q2');
    expect(drillDown(view, { kind: 'quarter', quarter: 0 })?.list.map((e) => e.id)).toEqual([9]);
  });
  it.each([
    [{ kind: 'row', dim: 'nope', code: 'cell_therapy' }],
    [{ kind: 'row', dim: 'atp_type', code: 'nope' }],
    [{ kind: 'cell', series: 'nope', quarter: 0 }],
    [{ kind: 'quarter', quarter: 5 }],
  ] as const)('gives null for a pick that points nowhere: %j', (pick) => {
    expect(drillDown(view, pick)).toBeNull();
  });
});

describe('chart data', () => {
  it('has entities and products per row', () => {
    expect(barData(view.summary.dimensions[0])).toEqual({
      labels: ['Cell therapy product', 'Tissue engineered product'],
      entities: [2, 1],
      submissions: [2, 1],
    });
    expect(maxCount(view.summary.dimensions[0])).toBe(2);
  });
  it('leaves an empty "not stated" series out of the timeline', () => {
    const d = timelineData(view.summary.timeline);
    expect(d.series.map((s) => s.code)).toEqual(['cell_therapy']);
    expect(d.series[0].data).toEqual([1, 1]);
    expect(d.labels).toEqual(['2027-Q1', '2027-Q2']);
  });
  it('skips unknown ids', () => {
    expect(entitiesOf(view, [9, 42, 7]).map((e) => e.id)).toEqual([9, 7]);
  });
});

describe('words', () => {
  it('counts', () => {
    expect(countsText(1, 1)).toBe('1 entity · 1 product');
    expect(countsText(3, 0)).toBe('3 entities · 0 products');
  });
  it('filter', () => {
    expect(filterText([], view.statuses)).toBe('All statuses');
    expect(filterText(['invited', 'received'], view.statuses)).toBe('Received, Invited to dialogue');
  });
  it('short labels', () => {
    expect(shortLabel('Phase II trial')).toBe('Phase II trial');
    const s = shortLabel('As HK Department of Health Registered Pharmaceutical Product', 20);
    expect(Array.from(s).length).toBeLessThanOrEqual(20);
    expect(s.endsWith('…')).toBe(true);
  });
});

describe('mix', () => {
  it.each([
    ['#000000', '#ffffff', 0, '#000000'],
    ['#000000', '#ffffff', 1, '#ffffff'],
    ['#2f5d8a', '#ffffff', 0.5, '#97aec5'],
    ['#2f5d8a', '#fff', 0.5, '#97aec5'],
    ['#abc', '#abc', 0, '#aabbcc'],
    ['red', '#ffffff', 0.5, 'red'],
  ])('mix(%s, %s, %s) = %s', (a, b, t, want) => {
    expect(mix(a, b, t)).toBe(want);
  });
});
