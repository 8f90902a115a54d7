// The letters facade's calls with the generated wire types. Every call goes
// through `call`, so failures arrive as AppError with field problems.
import * as svc from '../../../wailsjs/go/app/LetterService';
import { app } from '../../../wailsjs/go/models';
import { call } from '../../lib/errors';
import type { Wire } from '../../lib/wire';

export type LetterChoices = Wire<app.LetterChoices>;
export type LetterRequest = Wire<app.LetterRequest>;
export type LetterPreview = Wire<app.LetterPreview>;
export type LettersResult = Wire<app.LettersResult>;
export type LetterSettings = Wire<app.LetterSettings>;
export type LetterTemplate = Wire<app.LetterTemplate>;
export type LetterPlaceholder = Wire<app.LetterPlaceholder>;
export type InfoRequest = Wire<app.InfoRequest>;

export const api = {
  choices: (): Promise<LetterChoices> => call(svc.Choices()),
  preview: (q: LetterRequest): Promise<LetterPreview[]> => call(svc.Preview(app.LetterRequest.createFrom(q))),
  write: (q: LetterRequest): Promise<LettersResult> => call(svc.Write(app.LetterRequest.createFrom(q))),
  lastFolder: (): Promise<string> => call(svc.LastFolder()),
  pickFolder: (): Promise<string> => call(svc.PickFolder()),
  openInMail: (path: string) => call(svc.OpenInMail(path)),
  settings: (): Promise<LetterSettings> => call(svc.Settings()),
  saveSettings: (s: LetterSettings): Promise<LetterSettings> => call(svc.SaveSettings(app.LetterSettings.createFrom(s))),
  previewTemplate: (t: LetterTemplate, lh: LetterSettings, entityId: number): Promise<LetterPreview> =>
    call(svc.PreviewTemplate(app.LetterTemplate.createFrom(t), app.LetterSettings.createFrom(lh), entityId)),
  defaultTemplate: (kind: string, lang: string): Promise<LetterTemplate> => call(svc.DefaultTemplate(kind, lang)),
  placeholders: (): Promise<LetterPlaceholder[]> => call(svc.Placeholders()),
  infoRequests: (entityId: number): Promise<InfoRequest[]> => call(svc.InfoRequests(entityId)),
  awaited: (): Promise<InfoRequest[]> => call(svc.Awaited()),
  markReceived: (entityId: number, withText: string): Promise<number> => call(svc.MarkReceived(entityId, withText)),
};
