// The register facade's wire shapes (app/register.go, bound as
// RegisterService), as the JSON the Go side sends and accepts. The generated
// classes in wailsjs/go/models.ts type yes/no answers as strings, but they
// travel as true/false/null: these interfaces say what really crosses. Where a
// generated class has exactly the wire shape, it is used under its own name.

import type { app, register, store } from '../../../wailsjs/go/models';

/** A yes/no answer of the RFI; null when unanswered. */
export type YesNo = boolean | null;

/** One value of a choice field: its code and the RFI's own label. */
export type Choice = register.Choice;

/** One product's pre-requisite information (every item of the RFI table). */
export interface Submission {
  id: number;
  entity_id: number;
  product_name: string;
  composition: string;
  pharmaceutical_form: string;
  therapeutic_indication: string;
  routes: string[];
  route_other: string;
  atp_type: string;
  gene_vector: string;
  intended_use: string;
  intended_use_other: string;
  starting_materials: string[];
  starting_materials_other: string;
  process_type: string;
  pd_completed: YesNo;
  pd_further: string;
  gmp_before: YesNo;
  has_authorized_person: YesNo;
  needs_training: YesNo;
  training_roles: string[];
  training_details: string;
  expected_start: string;
  notes: string;
}

/** An interested entity with its product submissions. */
export interface Entity {
  id: number;
  name: string;
  address: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  status: string;
  received_on: string;
  source: string;
  notes: string;
  tags: string[];
  created_at?: string;
  updated_at?: string;
  submissions: Submission[];
}

/** Every choice list in RFI order, and the RFI's wording of each field. */
export interface ChoicesView {
  routes: Choice[];
  atpTypes: Choice[];
  geneVectors: Choice[];
  intendedUses: Choice[];
  startingMaterials: Choice[];
  processTypes: Choice[];
  trainingRoles: Choice[];
  statuses: Choice[];
  labels: Record<string, string>;
  /** Statuses a move to which must say why. */
  needsReason: string[];
  /** The largest file that can be attached, in bytes. */
  maxAttachmentBytes: number;
}

/** What the list asks for: filters, order and the page. */
export interface ListQuery {
  search: string;
  statuses: string[];
  atpType: string;
  intendedUse: string;
  processType: string;
  completeness: '' | 'complete' | 'incomplete';
  sort: SortKey;
  desc: boolean;
  offset: number;
  limit: number;
}

/** The columns the list can be ordered by. */
export type SortKey = 'name' | 'status' | 'received_on' | 'updated_at' | 'products' | 'missing' | 'score';

/** One row of the list. */
export interface EntityRow {
  id: number;
  name: string;
  status: string;
  statusLabel: string;
  contactName: string;
  receivedOn: string;
  updatedAt: string;
  complete: boolean;
  missingCount: number;
  products: string[];
  atpTypes: string[];
  score: number | null;
}

/** One page of the list and the number of rows matching in all. */
export interface ListPage {
  total: number;
  rows: EntityRow[];
}

/** One unanswered RFI item. */
export type MissingView = app.MissingView;

/** One line of the audit trail. */
export type AuditEntry = store.AuditEntry;

/** A file kept with an entity (stored encrypted inside the register). */
export type AttachmentInfo = store.AttachmentInfo;

/** An attachment's bytes, for viewing from memory. */
export type AttachmentData = app.AttachmentData;

/** One entity as its page shows it. */
export interface EntityView {
  entity: Entity;
  complete: boolean;
  missing: MissingView[];
  moves: Choice[];
  history: AuditEntry[];
  attachments: AttachmentInfo[];
}
