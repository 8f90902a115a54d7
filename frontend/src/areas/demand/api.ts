// The demand facade's calls with the wire types of ./model. Every call goes
// through `call`, so failures arrive as AppError.
import * as svc from '../../../wailsjs/go/app/DemandService';
import { call } from '../../lib/errors';
import type { DemandView, ExportResult } from './model';

export const api = {
  dashboard: (statuses: string[]): Promise<DemandView> => call(svc.Dashboard(statuses)),
  // nil (the officer cancelled the save dialog) arrives as null.
  exportPDF: (statuses: string[], lang: string): Promise<ExportResult | null> => call(svc.ExportPDF(statuses, lang)),
  exportJSON: (statuses: string[], lang: string): Promise<ExportResult | null> => call(svc.ExportJSON(statuses, lang)),
};
