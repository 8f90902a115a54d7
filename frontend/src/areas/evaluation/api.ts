// The evaluation facade's calls with the generated wire types (see
// wire.ts). Every call goes through `call`, so failures arrive as AppError
// with field problems.
import * as svc from '../../../wailsjs/go/app/EvaluationService';
import { call } from '../../lib/errors';
import type { app, register } from '../../../wailsjs/go/models';
import type { Plain } from './wire';
import { m } from '../../paraglide/messages';

export type Choice = register.Choice;
export type AspectView = app.AspectView;
export type EvaluationSetup = Plain<app.EvaluationSetup>;
export type Score = app.Score;
export type Evaluation = Plain<app.Evaluation>;
export type EntityScore = Plain<app.EntityScore>;
export type Conflict = app.Conflict;
export type EntityEvaluations = Plain<app.EntityEvaluations>;
export type RankRow = app.RankRow;
export type RankingQuery = app.RankingQuery;
export type RankingView = Plain<app.RankingView>;

export const api = {
  setup: (): Promise<EvaluationSetup> => call(svc.Setup()),
  weightedTotal: (scores: Record<string, number>) => call(svc.WeightedTotal(scores)),
  entity: (id: number): Promise<EntityEvaluations> => call(svc.Entity(id)),
  save: (ev: Evaluation) => call(svc.Save(ev as app.Evaluation)),
  /** Deletes evaluation id; resolves to the token `undelete` takes to put it back (for a while). */
  remove: (id: number): Promise<string> => call(svc.Delete(id)),
  undelete: (token: string) => call(svc.Undelete(token)),
  saveWeights: (weights: Record<string, number>) => call(svc.SaveWeights(weights)),
  ranking: (q: RankingQuery): Promise<RankingView> => call(svc.Ranking(q)),
};

/** The abbreviation of an aspect for the ranking's narrow column headers
 * and the agreement chips (the full RFI wording, from the backend, is in each
 * one's title), in the window's language; fallback (the code) for an unknown aspect. */
export function tinyAspect(code: string, fallback = code): string {
  const tiny: Record<string, () => string> = {
    readiness: m.eval_tiny_readiness,
    technical: m.eval_tiny_technical,
    credibility: m.eval_tiny_credibility,
    pipeline: m.eval_tiny_pipeline,
    investment: m.eval_tiny_investment,
    jobs: m.eval_tiny_jobs,
    intangibles: m.eval_tiny_intangibles,
  };
  return tiny[code]?.() ?? fallback;
}
