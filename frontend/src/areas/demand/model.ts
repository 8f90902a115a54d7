// The demand dashboard's pure logic: wire types of DemandService.Dashboard,
// chart data per dimension and for the timeline, the status filter, and the
// drill-down from a bar to the entities behind it. No DOM, no bindings.
import type { app } from '../../../wailsjs/go/models';
import type { Wire } from '../../lib/wire';
import { m } from '../../paraglide/messages';

export type Row = Wire<app.DemandRow>;
export type Dimension = Wire<app.DemandDimension>;
export type Cell = Wire<app.DemandCell>;
export type Series = Wire<app.DemandSeries>;
export type Timeline = Wire<app.DemandTimeline>;
export type Summary = Wire<app.DemandSummary>;
export type DemandEntity = Wire<app.DemandEntity>;
export type StatusCount = Wire<app.StatusCount>;
export type DemandView = Wire<app.DemandView>;

/** What an export wrote and where the ledger holds it. */
export type ExportResult = Wire<app.DemandExportResult>;

/** What a click picked: a row of a dimension, or a timeline cell or quarter. */
export type Pick =
  | { kind: 'row'; dim: string; code: string }
  | { kind: 'cell'; series: string; quarter: number }
  | { kind: 'quarter'; quarter: number };

/** The entities behind a pick, with a heading that says what was picked. */
export interface DrillDown {
  title: string;
  context: string;
  entities: number;
  submissions: number;
  list: DemandEntity[];
}

/**
 * toggleStatus adds or removes code from the selected statuses and returns
 * them in the order of all (the pipeline order). An empty selection means
 * every status.
 */
export function toggleStatus(selected: string[], code: string, all: string[]): string[] {
  const set = new Set(selected);
  if (set.has(code)) set.delete(code);
  else set.add(code);
  return all.filter((c) => set.has(c));
}

/** A label cut to max characters with an ellipsis (full label in tooltips). */
export function shortLabel(label: string, max = 34): string {
  const chars = Array.from(label);
  return chars.length <= max ? label : chars.slice(0, max - 1).join('').trimEnd() + '…';
}

export interface BarData {
  labels: string[];
  entities: number[];
  submissions: number[];
}

/** The two bar series of a dimension: entities and product submissions per row. */
export function barData(dim: Dimension): BarData {
  return {
    labels: dim.rows.map((r) => r.label),
    entities: dim.rows.map((r) => r.entities),
    submissions: dim.rows.map((r) => r.submissions),
  };
}

/** The largest count in a dimension (for a common scale), at least 1. */
export function maxCount(dim: Dimension): number {
  return Math.max(1, ...dim.rows.map((r) => Math.max(r.entities, r.submissions)));
}

export interface StackData {
  labels: string[];
  series: { code: string; label: string; data: number[] }[];
}

/**
 * The timeline's stacked series: product submissions per quarter for each
 * ATP type. A series with nothing in it is left out when it is the
 * "not stated" one, so the legend only names what is there.
 */
export function timelineData(tl: Timeline): StackData {
  return {
    labels: tl.quarters,
    series: tl.series
      .filter((s) => s.code !== 'unanswered' || s.cells.some((c) => c.submissions > 0))
      .map((s) => ({ code: s.code, label: s.label, data: s.cells.map((c) => c.submissions) })),
  };
}

/** The entities with the given ids, in that order; unknown ids are skipped. */
export function entitiesOf(view: DemandView, ids: number[]): DemandEntity[] {
  const byId = new Map(view.entities.map((e) => [e.id, e]));
  return ids.flatMap((id) => {
    const e = byId.get(id);
    return e ? [e] : [];
  });
}

/** Resolves a pick into the entities behind it; null when it points nowhere. */
export function drillDown(view: DemandView, pick: Pick): DrillDown | null {
  const s = view.summary;
  let title = '';
  let context = '';
  let cell: { entities: number; submissions: number; entityIds: number[] } | undefined;
  if (pick.kind === 'row') {
    const dim = s.dimensions.find((d) => d.key === pick.dim);
    const row = dim?.rows.find((r) => r.code === pick.code);
    if (!dim || !row) return null;
    title = row.label;
    context = dim.title;
    cell = row;
  } else {
    const q = s.timeline.quarters[pick.quarter];
    if (q === undefined) return null;
    if (pick.kind === 'quarter') {
      title = q;
      context = m.dem_ctx_all_types();
      cell = s.timeline.totals[pick.quarter];
    } else {
      const series = s.timeline.series.find((x) => x.code === pick.series);
      if (!series) return null;
      title = `${series.label}, ${q}`;
      context = m.dem_ctx_commencement();
      cell = series.cells[pick.quarter];
    }
  }
  if (!cell) return null;
  return {
    title,
    context,
    entities: cell.entities,
    submissions: cell.submissions,
    list: entitiesOf(view, cell.entityIds),
  };
}

/** "12 entities · 17 products" for a drill-down or a total. */
export function countsText(entities: number, submissions: number): string {
  return `${m.pack_n_entities({ count: entities })} · ${m.dem_n_products({ count: submissions })}`;
}

/** The filter in words: "All statuses" or the chosen labels. */
export function filterText(selected: string[], statuses: StatusCount[]): string {
  if (selected.length === 0) return m.dem_all_statuses();
  return statuses
    .filter((s) => selected.includes(s.code))
    .map((s) => s.label)
    .join(', ');
}

/**
 * mix blends two colours given as #rgb or #rrggbb (t = 0 gives a, 1 gives
 * b) and returns #rrggbb; a colour it cannot read gives a unchanged. Canvas fill styles need a plain colour, not color-mix().
 */
export function mix(a: string, b: string, t: number): string {
  const pa = parseHex(a);
  const pb = parseHex(b);
  if (!pa || !pb) return a;
  const c = pa.map((x, i) => Math.round(x + (pb[i] - x) * t));
  return '#' + c.map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Parses #rgb or #rrggbb (a minifier may shorten the tokens to #rgb). */
function parseHex(s: string): number[] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? Array.from(m[1], (c) => c + c).join('') : m[1];
  const n = parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
