// The evaluation facade's calls with plain wire types. Every call goes
// through `call`, so failures arrive as AppError with field problems.
import * as svc from '../../../wailsjs/go/app/EvaluationService';
import { call } from '../../lib/errors';
import type { app, register, store } from '../../../wailsjs/go/models';

// The generated bindings type arguments as generated classes; the Go side
// reads plain JSON, so plain objects of the same shape are passed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export type Choice = register.Choice;

export type AspectView = app.AspectView;

export interface EvaluationSetup {
  aspects: AspectView[];
  recommendations: Choice[];
  minScore: number;
  maxScore: number;
  disagreement: number;
  evaluator: string;
  today: string;
}

export type Score = register.Score;

export interface Evaluation {
  id: number;
  entity_id: number;
  evaluator: string;
  date: string;
  scores: Record<string, Score>;
  recommendation: string;
  reason: string;
}

export interface EntityScore {
  evaluations: number;
  evaluators: string[];
  means: Record<string, number>;
  spread: Record<string, number>;
  disagreements: string[];
  total: number;
  recommendations: Record<string, number>;
  latest: string;
}

export type Conflict = store.Conflict;

export interface EntityEvaluations {
  entityId: number;
  name: string;
  status: string;
  statusLabel: string;
  evaluations: { evaluation: Evaluation; total: number }[];
  summary: EntityScore;
  total: number;
  rank: number;
  rankedCount: number;
  conflicts: Conflict[];
}

export type RankRow = app.RankRow;

export type RankingQuery = store.RankingQuery;

export const api = {
  setup: () => call(svc.Setup() as Promise<Any>) as Promise<EvaluationSetup>,
  weightedTotal: (scores: Record<string, number>) => call(svc.WeightedTotal(scores)),
  entity: (id: number) => call(svc.Entity(id) as Promise<Any>) as Promise<EntityEvaluations>,
  save: (ev: Evaluation) => call(svc.Save(ev as Any)),
  remove: (id: number) => call(svc.Delete(id)),
  saveWeights: (weights: Record<string, number>) => call(svc.SaveWeights(weights)),
  ranking: (q: RankingQuery) =>
    call(svc.Ranking(q as Any) as Promise<Any>) as Promise<{ rows: RankRow[]; weights: Record<string, number> }>,
};

/** Abbreviations of the seven aspects for the ranking's narrow column
 * headers (the full RFI wording, from the backend, is in each header's title). */
export const tinyAspect: Record<string, string> = {
  readiness: 'Ready',
  technical: 'Tech',
  credibility: 'Cred',
  pipeline: 'Pipe',
  investment: 'Invest',
  jobs: 'Jobs',
  intangibles: 'Other',
};
