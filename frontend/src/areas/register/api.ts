// The register facade's calls with the wire types of ./types. Every call goes
// through `call`, so failures arrive as AppError with field problems.
import * as svc from '../../../wailsjs/go/app/RegisterService';
import { app, register } from '../../../wailsjs/go/models';
import { call } from '../../lib/errors';
import type { AttachmentData, AttachmentInfo, ChoicesView, Entity, EntityRef, EntityView, ListPage, ListQuery } from './types';

// The generated bindings type their arguments as generated classes; the page
// holds plain objects of the same fields (./types), made into those classes
// with createFrom.
export const api = {
  choices: (): Promise<ChoicesView> => call(svc.Choices()),
  list: (q: ListQuery): Promise<ListPage> => call(svc.List(app.ListQuery.createFrom(q))),
  /** The id and name of every entity q's search and filters select (its sort and page ignored). */
  matching: (q: ListQuery): Promise<EntityRef[]> => call(svc.Matching(app.ListQuery.createFrom(q))),
  get: (id: number): Promise<EntityView> => call(svc.Get(id)),
  create: (e: Entity) => call(svc.Create(register.Entity.createFrom(e))),
  update: (e: Entity) => call(svc.Update(register.Entity.createFrom(e))),
  /** Checks the entity by the save's rules, writing nothing (rejects with the fields to fix). */
  check: (e: Entity) => call(svc.Check(register.Entity.createFrom(e))),
  remove: (id: number, reason: string) => call(svc.Delete(id, reason)),
  move: (id: number, to: string, reason: string) => call(svc.Move(id, to, reason)),
  /** Adds one tag to several entities; how many gained it (nothing changes when refused). */
  addTag: (ids: number[], tag: string): Promise<number> => call(svc.AddTag(ids, tag)),
  /** The entities other than e with its contact email or nearly its name (a warning, nothing changes). */
  lookAlikes: (e: Entity): Promise<app.LookAlike[]> => call(svc.LookAlikes(register.Entity.createFrom(e))),
  addAttachment: (entityId: number, name: string, base64: string): Promise<AttachmentInfo> =>
    call(svc.AddAttachment(entityId, name, base64)),
  pickAndAttach: (entityId: number): Promise<AttachmentInfo | null> => call(svc.PickAndAttach(entityId)),
  attachmentData: (id: number): Promise<AttachmentData> => call(svc.AttachmentData(id)),
  saveAttachmentAs: (id: number) => call(svc.SaveAttachmentAs(id)),
  deleteAttachment: (id: number) => call(svc.DeleteAttachment(id)),
};
