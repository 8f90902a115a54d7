// The interchange facade's calls with the generated wire types. Every call
// goes through `call`, so failures arrive as AppError.
import * as svc from '../../../wailsjs/go/app/InterchangeService';
import { call } from '../../lib/errors';
import type { ImportPreview } from './model';

export const api = {
  dryRun: (name: string, base64: string): Promise<ImportPreview> => call(svc.DryRun(name, base64)),
  // The facade returns null when the officer cancels the dialog.
  pickAndDryRun: (): Promise<ImportPreview | null> => call(svc.PickAndDryRun()),
  confirm: (token: string): Promise<ImportPreview> => call(svc.Confirm(token)),
  discard: (token: string) => call(svc.Discard(token)),
  exportAs: (format: string) => call(svc.ExportAs(format)),
  saveTemplateAs: () => call(svc.SaveTemplateAs()),
};

