// The demand facade's calls with the wire types of ./model. Every call goes
// through `call`, so failures arrive as AppError.
import * as svc from '../../../wailsjs/go/app/DemandService';
import { call } from '../../lib/errors';
import type { DemandView, ExportResult } from './model';

// The generated classes have the same shape as the plain wire types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const api = {
  dashboard: (statuses: string[]) => call(svc.Dashboard(statuses) as Promise<Any>) as Promise<DemandView>,
  exportPDF: (statuses: string[]) => call(svc.ExportPDF(statuses) as Promise<Any>) as Promise<ExportResult | null>,
  exportJSON: (statuses: string[]) => call(svc.ExportJSON(statuses) as Promise<Any>) as Promise<ExportResult | null>,
};
