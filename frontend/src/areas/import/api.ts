// The interchange facade's calls with the wire types of ./model. Every call
// goes through `call`, so failures arrive as AppError.
import * as svc from '../../../wailsjs/go/app/InterchangeService';
import { call } from '../../lib/errors';
import type { ImportPreview } from './model';

// The generated classes have the same shape as the plain wire types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const api = {
  dryRun: (name: string, base64: string) => call(svc.DryRun(name, base64) as Promise<Any>) as Promise<ImportPreview>,
  pickAndDryRun: () => call(svc.PickAndDryRun() as Promise<Any>) as Promise<ImportPreview | null>,
  confirm: (token: string) => call(svc.Confirm(token) as Promise<Any>) as Promise<ImportPreview>,
  discard: (token: string) => call(svc.Discard(token)),
  exportAs: (format: string) => call(svc.ExportAs(format)),
  saveTemplateAs: () => call(svc.SaveTemplateAs()),
};

