// The meetings facade's calls with plain wire types. Every call goes through
// `call`, so failures arrive as AppError with field problems.
import * as svc from '../../../wailsjs/go/app/MeetingService';
import { call } from '../../lib/errors';
import type { app, register, store } from '../../../wailsjs/go/models';
import type { Conflict } from '../evaluation/api';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export type { Conflict };

export type Contact = register.Contact;

export interface Partner {
  id: number;
  name: string;
  facility: string;
  address: string;
  contacts: Contact[];
  notes: string;
}

export interface PartnerView {
  partner: Partner;
  conflicts: Conflict[];
}

export type Action = register.Action;

export interface MeetingInput {
  id: number;
  title: string;
  startsAt: string; // YYYY-MM-DDTHH:MM, local time
  durationMinutes: number;
  place: string;
  partnerIds: number[];
  attendees: string[];
  entityIds: number[];
  agenda: string;
  minutes: string;
  outcome: string;
  actions: Action[];
  entityMinutes: Record<number, string>;
}

export interface MeetingEntity {
  id: number;
  name: string;
  status: string;
  statusLabel: string;
  minutes: string;
  score: number | null;
  excluded: { partnerId: number; partnerName: string; reason: string }[];
}

export interface MeetingView {
  meeting: MeetingInput;
  partners: { id: number; name: string }[];
  entities: MeetingEntity[];
  actions: (Action & { index: number; overdue: boolean })[];
  past: boolean;
  sequence: number;
  today: string;
}

export type MeetingRow = app.MeetingRow;

export type OpenAction = store.OpenAction;

export type EntityOption = app.EntityOption;

export type MoveProposal = app.MoveProposal;

export const api = {
  partners: () => call(svc.Partners() as Promise<Any>) as Promise<PartnerView[]>,
  savePartner: (p: Partner) => call(svc.SavePartner(p as Any)),
  deletePartner: (id: number) => call(svc.DeletePartner(id)),
  setConflict: (partnerId: number, entityId: number, reason: string) => call(svc.SetConflict(partnerId, entityId, reason)),
  removeConflict: (partnerId: number, entityId: number) => call(svc.RemoveConflict(partnerId, entityId)),
  findEntities: (q: string) => call(svc.FindEntities(q) as Promise<Any>) as Promise<EntityOption[]>,
  list: () => call(svc.List() as Promise<Any>) as Promise<MeetingRow[]>,
  get: (id: number) => call(svc.Get(id) as Promise<Any>) as Promise<MeetingView>,
  save: (m: MeetingInput) => call(svc.Save(m as Any)),
  remove: (id: number) => call(svc.Delete(id)),
  proposedMove: (entityId: number) => call(svc.ProposedMove(entityId) as Promise<Any>) as Promise<MoveProposal>,
  addEntity: (meetingId: number, entityId: number, moveStatus: boolean) => call(svc.AddEntity(meetingId, entityId, moveStatus)),
  removeEntity: (meetingId: number, entityId: number) => call(svc.RemoveEntity(meetingId, entityId)),
  setActionDone: (meetingId: number, index: number, done: boolean) => call(svc.SetActionDone(meetingId, index, done)),
  overdue: () => call(svc.Overdue() as Promise<Any>) as Promise<OpenAction[]>,
  exportCalendar: (id: number) => call(svc.ExportCalendar(id)),
};
