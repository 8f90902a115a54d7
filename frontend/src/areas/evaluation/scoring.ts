// Pure helpers of the evaluation area: keyboard scoring, the ranking table's
// sorting and labels. The weighted total itself is computed by the backend
// (EvaluationService.WeightedTotal), never here.

/** The score a key press gives (digits 1..max), or null for any other key. */
export function keyScore(key: string, max = 5): number | null {
  if (!/^[0-9]$/.test(key)) return null;
  const n = Number(key);
  return n >= 1 && n <= max ? n : null;
}

/** The aspect index after moving by delta from i among n aspects (clamped). */
export function stepAspect(i: number, delta: number, n: number): number {
  if (n <= 0) return -1;
  return Math.max(0, Math.min(n - 1, i + delta));
}

/** How many of the aspects have a score. */
export function scoredCount(scores: Record<string, number | undefined>, aspects: string[]): number {
  return aspects.filter((a) => (scores[a] ?? 0) > 0).length;
}

export interface RankRowLike {
  rank: number;
  tied: boolean;
  name: string;
  statusLabel: string;
  total: number;
  evaluations: number;
  recommendation: string;
  means: Record<string, number>;
}

/** A column of the ranking table: "rank", "name", "status", "total",
 * "evaluations", "recommendation" or an aspect code (sorted by its mean). */
export type RankSort = string;

/** Sorts ranking rows by a column. Ranked order (rank, then name) breaks
 * ties; rows without a value sort last in either direction. */
export function sortRanking<T extends RankRowLike>(rows: T[], key: RankSort, desc: boolean): T[] {
  const value = (r: T): number | string | undefined => {
    switch (key) {
      case 'rank':
        return r.rank;
      case 'name':
        return r.name.toLocaleLowerCase();
      case 'status':
        return r.statusLabel;
      case 'total':
        return r.total;
      case 'evaluations':
        return r.evaluations;
      case 'recommendation':
        return r.recommendation;
      default:
        return r.means[key];
    }
  };
  const base = (a: T, b: T) => a.rank - b.rank || a.name.localeCompare(b.name);
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === undefined && vb === undefined) return base(a, b);
    if (va === undefined) return 1;
    if (vb === undefined) return -1;
    let c = 0;
    if (typeof va === 'number' && typeof vb === 'number') c = va - vb;
    else c = String(va).localeCompare(String(vb));
    if (c === 0) return base(a, b);
    return desc ? -c : c;
  });
}

/** The rank as shown: "=2" when tied, "2" otherwise. */
export function rankLabel(r: { rank: number; tied: boolean }): string {
  return (r.tied ? '=' : '') + r.rank;
}

/** Two decimals, or an em dash for no value. */
export function fmtScore(x: number | null | undefined): string {
  return x == null || Number.isNaN(x) ? '—' : x.toFixed(2);
}

/** The spread (max - min) of the given scores, 0 for fewer than two. */
export function spread(values: number[]): number {
  const v = values.filter((x) => x > 0);
  if (v.length < 2) return 0;
  return Math.max(...v) - Math.min(...v);
}

/** Weights as percentages: the exact total (each weight to the hundredth, as
 * the backend counts them) and whether it is exactly 100. */
export function weightsTotal(w: Record<string, number>, aspects: string[]): { total: number; ok: boolean } {
  const hundredths = aspects.reduce((s, a) => s + Math.round((Number(w[a]) || 0) * 100), 0);
  return { total: hundredths / 100, ok: hundredths === 10000 };
}

/** Equal weights to the hundredth by largest remainder (as the backend's
 * default: 14.29% four times and 14.28% three times for seven), so they
 * total exactly 100. */
export function equalWeights(aspects: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  const n = aspects.length;
  if (n === 0) return out;
  const each = Math.floor(10000 / n);
  const left = 10000 - each * n;
  aspects.forEach((a, i) => {
    out[a] = (each + (i < left ? 1 : 0)) / 100;
  });
  return out;
}

/**
 * The badge class of a recommendation: each its own colour, so "Hold" and
 * "Invite" are told apart at a glance (invite green, more information blue,
 * hold amber, decline red).
 */
export function recClass(code: string): string {
  switch (code) {
    case 'invite':
      return 'ok';
    case 'hold':
      return 'warning';
    case 'decline':
      return 'danger';
    default:
      return 'accent';
  }
}
