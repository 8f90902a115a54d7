// The register facade's wire shapes (app/register.go, bound as
// RegisterService): the generated models of wailsjs/go/models.ts under the
// names the area uses. Nothing here is written by hand: a field renamed on
// the Go side fails svelte-check wherever it is used.

import type { app, register } from '../../../wailsjs/go/models';
import type { Wire } from '../../lib/wire';

/** A yes/no answer of the RFI; null when unanswered. */
export type YesNo = register.Submission['pd_completed'];

/** One value of a choice field: its code and the RFI's own label. */
export type Choice = register.Choice;

/** One product's pre-requisite information (every item of the RFI table). */
export type Submission = Wire<register.Submission>;

type EntityData = Wire<register.Entity>;
type Stamps = 'created_at' | 'updated_at';

/** An interested entity with its product submissions (the times are set by the register). */
export type Entity = Omit<EntityData, Stamps> & Partial<Pick<EntityData, Stamps>>;

/** Every choice list in RFI order, and the RFI's wording of each field. */
export type ChoicesView = Wire<app.ChoicesView>;

/** What the list asks for: filters, order and the page. */
export type ListQuery = Wire<app.ListQuery>;

/** The columns the list can be ordered by. */
export type SortKey = app.ListQuery['sort'];

/** One row of the list. */
export type EntityRow = Wire<app.EntityRow>;

/** One entity's id and name (every entity the list's filters select). */
export type EntityRef = app.EntityRef;

/** One page of the list and the number of rows matching in all. */
export type ListPage = Wire<app.ListPage>;

/** One unanswered RFI item. */
export type MissingView = app.MissingView;

/** One line of the audit trail. */
export type AuditEntry = app.HistoryEntry;

/** A file kept with an entity (stored encrypted inside the register). */
export type AttachmentInfo = app.Attachment;

/** An attachment's bytes, for viewing from memory. */
export type AttachmentData = app.AttachmentData;

/** One entity as its page shows it. */
export type EntityView = Wire<app.EntityView>;
