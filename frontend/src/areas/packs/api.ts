// The briefing facade's calls with the wire types of ./model. Every call goes
// through `call`, so failures arrive as AppError.
import * as svc from '../../../wailsjs/go/app/BriefingService';
import { call } from '../../lib/errors';
import type { ExportRequest, ExportResult, LedgerRow, PackSetup, Progress } from './model';

// The generated classes have the same shape as the plain wire types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** The Wails event an export emits after each step. */
export const progressEvent = 'brief:progress';

export const api = {
  setup: () => call(svc.Setup() as Promise<Any>) as Promise<PackSetup>,
  pickFolder: () => call(svc.PickFolder()),
  export: (req: ExportRequest) => call(svc.Export(req as Any) as Promise<Any>) as Promise<ExportResult>,
  cancel: () => call(svc.Cancel()),
  open: (path: string, folder: boolean) => call(svc.Open(path, folder)),
  ledger: (limit: number) => call(svc.Ledger(limit) as Promise<Any>) as Promise<LedgerRow[]>,
};

/** Listens to export progress; returns the function that stops listening. */
export function onProgress(fn: (p: Progress) => void): () => void {
  const rt = (window as Any).runtime;
  if (!rt?.EventsOnMultiple) return () => {};
  return rt.EventsOnMultiple(progressEvent, (p: Progress) => fn(p), -1) as () => void;
}
