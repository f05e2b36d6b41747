import type { ColumnType, Generated } from 'kysely';
import type { RecordMethod } from './schema.methods.ts';

// Supervision 督查 (督6–12) — migrations 0005 and 0006. Date columns are read as text (YYYY-MM-DD).
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableDateColumn = ColumnType<string | null, string | null | undefined, string | null>;
type DateColumn = ColumnType<string, string, string>;

export type SupervisionPlanStatus = 'draft' | 'approved';
export type SupervisionType = 'comprehensive' | 'special';
export type SupervisionStatus = 'proposed' | 'approved' | 'team_formed' | 'in_field' | 'report_submitted' | 'result_notified' | 'closed';

export interface SupervisionPlansTable {
  id: Generated<number>;
  year: number;
  title: string;
  status: SupervisionPlanStatus;
  created_by: number;
  approved_by: number | null;
  approved_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SupervisionsTable {
  id: Generated<number>;
  plan_id: number;
  type: SupervisionType;
  target_assessment_unit_code: string | null;
  target_unit_id: number | null;
  topic: string;
  planned_start: NullableDateColumn;
  planned_end: NullableDateColumn;
  status: SupervisionStatus;
  proposed_by: number;
  approved_by: number | null;
  approved_at: Date | null;
  report: string | null;
  report_submitted_by: number | null;
  report_submitted_at: Date | null;
  /** 督12: the result notified to the supervised unit, with the rectification deadline the office set (督12 sets none). */
  result_notified_on: NullableDateColumn;
  result_text: string | null;
  rectification_deadline: NullableDateColumn;
  result_notified_by: number | null;
  closed_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SupervisionTeamMembersTable {
  supervision_id: number;
  person_id: number;
  role: 'leader' | 'member';
}

export interface SupervisionChecklistItemsTable {
  id: Generated<number>;
  year: number;
  area: number;
  code: string;
  title: string;
  sort_order: number;
}

export interface SupervisionRecordsTable {
  id: Generated<number>;
  supervision_id: number;
  method: RecordMethod;
  record_date: DateColumn;
  place: string;
  participants: Generated<string>;
  notes: string;
  checklist_item_id: number | null;
  recorded_by: number;
  created_at: CreatedAt;
}

/** The team's visit schedule; an unannounced visit's target stays sealed from the county until `record_id` is set. */
export interface SupervisionVisitsTable {
  id: Generated<number>;
  supervision_id: number;
  method: RecordMethod;
  planned_on: DateColumn;
  target_region_code: string | null;
  target_description: string;
  record_id: number | null;
  created_by: number;
  created_at: CreatedAt;
}

export type AttachmentOwnerType = 'inspection_record' | 'supervision_record' | 'problem';

export interface AttachmentsTable {
  id: Generated<number>;
  owner_type: AttachmentOwnerType;
  owner_id: number;
  file_name: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number;
  created_at: CreatedAt;
}

export type CommendationKind = 'commendation' | 'model_case';
export type CommendationStatus = 'proposed' | 'approved' | 'rejected';

export interface CommendationsTable {
  id: Generated<number>;
  year: number;
  kind: CommendationKind;
  assessment_unit_code: string | null;
  unit_id: number | null;
  supervision_id: number | null;
  title: string;
  description: string;
  status: CommendationStatus;
  proposed_by: number;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type SupervisionSummaryStatus = 'draft' | 'submitted';

export interface SupervisionSummariesTable {
  id: Generated<number>;
  year: number;
  title: string;
  body: string;
  status: SupervisionSummaryStatus;
  created_by: number;
  submitted_by: number | null;
  submitted_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SupervisionTables {
  supervision_plans: SupervisionPlansTable;
  supervisions: SupervisionsTable;
  supervision_team_members: SupervisionTeamMembersTable;
  supervision_checklist_items: SupervisionChecklistItemsTable;
  supervision_records: SupervisionRecordsTable;
  supervision_visits: SupervisionVisitsTable;
  attachments: AttachmentsTable;
  commendations: CommendationsTable;
  supervision_summaries: SupervisionSummariesTable;
}
