// The meetings facade's calls with the generated wire types (see
// ../evaluation/wire.ts). Every call goes through `call`, so failures arrive
// as AppError with field problems.
import * as svc from '../../../wailsjs/go/app/MeetingService';
import { call } from '../../lib/errors';
import type { app, register } from '../../../wailsjs/go/models';
import type { Conflict } from '../evaluation/api';
import type { Plain } from '../evaluation/wire';

export type { Conflict };
export type Contact = register.Contact;
export type Partner = Plain<app.Partner>;
export type PartnerView = Plain<app.PartnerView>;
export type Action = register.Action;
export type MeetingInput = Plain<app.MeetingInput>;
export type MeetingEntity = Plain<app.MeetingEntity>;
export type MeetingView = Plain<app.MeetingView>;
export type MeetingRow = app.MeetingRow;
export type OpenAction = app.OpenAction;
export type EntityOption = app.EntityOption;
export type MoveProposal = app.MoveProposal;
export type Recusal = app.Recusal;
export type AddedEntity = Plain<app.AddedEntity>;

export const api = {
  partners: (): Promise<PartnerView[]> => call(svc.Partners()),
  savePartner: (p: Partner) => call(svc.SavePartner(p as app.Partner)),
  /** Checks a partner by the save's rules, writing nothing (rejects with the fields to fix). */
  checkPartner: (p: Partner) => call(svc.CheckPartner(p as app.Partner)),
  /** Deletes partner id; resolves to the token `undelete` takes to put it back (for a while). */
  deletePartner: (id: number): Promise<string> => call(svc.DeletePartner(id)),
  setConflict: (partnerId: number, entityId: number, reason: string) => call(svc.SetConflict(partnerId, entityId, reason)),
  removeConflict: (partnerId: number, entityId: number) => call(svc.RemoveConflict(partnerId, entityId)),
  findEntities: (q: string): Promise<EntityOption[]> => call(svc.FindEntities(q)),
  list: (): Promise<MeetingRow[]> => call(svc.List()),
  get: (id: number): Promise<MeetingView> => call(svc.Get(id)),
  save: (m: MeetingInput) => call(svc.Save(m as app.MeetingInput)),
  /** Checks a meeting by the save's rules, writing nothing (rejects with the fields to fix). */
  check: (m: MeetingInput) => call(svc.Check(m as app.MeetingInput)),
  /** Deletes meeting id; resolves to the token `undelete` takes to put it back (for a while). */
  remove: (id: number): Promise<string> => call(svc.Delete(id)),
  /** Puts back the meeting or partner whose delete gave token. */
  undelete: (token: string) => call(svc.Undelete(token)),
  proposedMove: (entityId: number): Promise<MoveProposal> => call(svc.ProposedMove(entityId)),
  addEntity: (meetingId: number, entityId: number, moveStatus: boolean): Promise<AddedEntity> => call(svc.AddEntity(meetingId, entityId, moveStatus)),
  recusals: (partnerIds: number[], entityIds: number[]): Promise<Recusal[]> => call(svc.Recusals(partnerIds, entityIds)),
  removeEntity: (meetingId: number, entityId: number) => call(svc.RemoveEntity(meetingId, entityId)),
  setActionDone: (meetingId: number, index: number, done: boolean) => call(svc.SetActionDone(meetingId, index, done)),
  overdue: (): Promise<OpenAction[]> => call(svc.Overdue()),
  exportCalendar: (id: number) => call(svc.ExportCalendar(id)),
};
