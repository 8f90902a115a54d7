// The evaluation panel's facade (SheetService) with the generated wire
// types. Every call goes through `call`, so failures arrive as AppError with
// field problems.
import * as svc from '../../../wailsjs/go/app/SheetService';
import { app } from '../../../wailsjs/go/models';
import { call } from '../../lib/errors';
import type { Wire } from '../../lib/wire';

export type Evaluator = Wire<app.Evaluator>;
export type EvaluatorView = Wire<app.EvaluatorView>;
export type EvaluatorConflict = Wire<app.EvaluatorConflict>;
export type SheetView = Wire<app.SheetView>;
export type SheetSetup = Wire<app.SheetSetup>;
export type SheetEvaluator = Wire<app.SheetEvaluator>;
export type SheetMeeting = Wire<app.SheetMeeting>;
export type SendSheetsRequest = Wire<app.SendSheetsRequest>;
export type SheetsSent = Wire<app.SheetsSent>;

export const api = {
  panel: (): Promise<EvaluatorView[]> => call(svc.Panel()),
  saveEvaluator: (e: Evaluator): Promise<number> => call(svc.SaveEvaluator(app.Evaluator.createFrom(e))),
  deleteEvaluator: (id: number) => call(svc.DeleteEvaluator(id)),
  setConflict: (evaluatorId: number, entityId: number, reason: string) => call(svc.SetConflict(evaluatorId, entityId, reason)),
  removeConflict: (evaluatorId: number, entityId: number) => call(svc.RemoveConflict(evaluatorId, entityId)),
  setup: (): Promise<SheetSetup> => call(svc.Setup()),
  send: (q: SendSheetsRequest): Promise<SheetsSent> => call(svc.Send(app.SendSheetsRequest.createFrom(q))),
  pickFolder: (): Promise<string> => call(svc.PickFolder()),
  open: (path: string) => call(svc.Open(path)),
  sheets: (entityId: number, open: boolean): Promise<SheetView[]> => call(svc.Sheets(entityId, open)),
};
