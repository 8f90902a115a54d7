// The briefing facade's calls with the wire types of ./model. Every call goes
// through `call`, so failures arrive as AppError.
import * as svc from '../../../wailsjs/go/app/BriefingService';
import * as tracer from '../../../wailsjs/go/app/TraceService';
import { call } from '../../lib/errors';
import { app } from '../../../wailsjs/go/models';
import type { ExportRequest, ExportResult, LedgerRow, PackSetup, Progress, Undelivered } from './model';
import type { TraceReport } from './trace';

/** The Wails event an export emits after each step. */
export const progressEvent = 'brief:progress';

export const api = {
  setup: (): Promise<PackSetup> => call(svc.Setup()),
  pickFolder: () => call(svc.PickFolder()),
  export: (req: ExportRequest): Promise<ExportResult> => call(svc.Export(app.PackRequest.createFrom(req))),
  cancel: () => call(svc.Cancel()),
  open: (path: string, folder: boolean) => call(svc.Open(path, folder)),
  ledger: (limit: number): Promise<LedgerRow[]> => call(svc.Ledger(limit)),
  undelivered: (): Promise<Undelivered[]> => call(svc.Undelivered()),
  writeAgain: (id: number) => call(svc.WriteAgain(id)),
  traceText: (text: string): Promise<TraceReport> => call(tracer.TraceText(text)),
  traceFile: (name: string, base64: string): Promise<TraceReport> => call(tracer.TraceFile(name, base64)),
  // The facade returns null when the officer cancels the dialog.
  pickAndTrace: (): Promise<TraceReport | null> => call(tracer.PickAndTrace()),
};

/** Listens to export progress; returns the function that stops listening. */
export function onProgress(fn: (p: Progress) => void): () => void {
  const rt = (window as unknown as { runtime?: { EventsOnMultiple?: (name: string, fn: (p: Progress) => void, n: number) => () => void } }).runtime;
  if (!rt?.EventsOnMultiple) return () => {};
  return rt.EventsOnMultiple(progressEvent, (p: Progress) => fn(p), -1);
}
