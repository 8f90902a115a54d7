// The register facade's calls with the wire types of ./types. Every call goes
// through `call`, so failures arrive as AppError with field problems.
import * as svc from '../../../wailsjs/go/app/RegisterService';
import { call } from '../../lib/errors';
import type { AttachmentData, AttachmentInfo, ChoicesView, Entity, EntityView, ListPage, ListQuery } from './types';

// The generated bindings type their arguments as generated classes; the Go
// side reads plain JSON, so plain objects of the same shape are passed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const api = {
  choices: () => call(svc.Choices() as Promise<Any>) as Promise<ChoicesView>,
  list: (q: ListQuery) => call(svc.List(q as Any) as Promise<Any>) as Promise<ListPage>,
  get: (id: number) => call(svc.Get(id) as Promise<Any>) as Promise<EntityView>,
  create: (e: Entity) => call(svc.Create(e as Any)),
  update: (e: Entity) => call(svc.Update(e as Any)),
  remove: (id: number, reason: string) => call(svc.Delete(id, reason)),
  move: (id: number, to: string, reason: string) => call(svc.Move(id, to, reason)),
  addAttachment: (entityId: number, name: string, base64: string) =>
    call(svc.AddAttachment(entityId, name, base64) as Promise<Any>) as Promise<AttachmentInfo>,
  pickAndAttach: (entityId: number) => call(svc.PickAndAttach(entityId) as Promise<Any>) as Promise<AttachmentInfo | null>,
  attachmentData: (id: number) => call(svc.AttachmentData(id) as Promise<Any>) as Promise<AttachmentData>,
  saveAttachmentAs: (id: number) => call(svc.SaveAttachmentAs(id)),
  deleteAttachment: (id: number) => call(svc.DeleteAttachment(id)),
};
