// The intake facade's calls (app/intake.go, bound as IntakeService) with the
// generated wire types. Every call goes through `call`, so failures arrive
// as AppError.
import * as svc from '../../../wailsjs/go/app/IntakeService';
import { app } from '../../../wailsjs/go/models';
import { call } from '../../lib/errors';
import type { EmailView, IntakeReview, IntakeUpload } from './model';

export const api = {
  /** A dry run of the files, kept under the review's token for confirm. */
  review: (files: IntakeUpload[], entityId: number): Promise<IntakeReview> =>
    call(svc.Review(files.map((f) => app.IntakeUpload.createFrom(f)), entityId)),
  /** Takes the reviewed files in, with the form's value for the keys in take. */
  confirm: (token: string, take: string[]): Promise<IntakeReview> => call(svc.Confirm(token, take)),
  /** Forgets a review's files (Cancel). */
  discard: (token: string) => call(svc.Discard(token)),
  /** An attachment that is an email, decoded for reading. */
  attachmentEmail: (id: number): Promise<EmailView> => call(svc.AttachmentEmail(id)),
  /** Saves the RFI form with the system's save dialog; "" when cancelled. */
  saveFormAs: (entityId: number, lang: string, format: string): Promise<string> => call(svc.SaveFormAs(entityId, lang, format)),
};
