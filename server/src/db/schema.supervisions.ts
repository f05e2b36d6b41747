import type { ColumnType, Generated } from 'kysely';

// Supervision 督查 (督6–12) — migration 0005. Date columns are read as text (YYYY-MM-DD).
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableDateColumn = ColumnType<string | null, string | null | undefined, string | null>;

export type SupervisionPlanStatus = 'draft' | 'approved';
export type SupervisionType = 'comprehensive' | 'special';
export type SupervisionStatus = 'proposed' | 'approved' | 'team_formed' | 'in_field' | 'report_submitted' | 'closed';

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

export interface SupervisionTables {
  supervision_plans: SupervisionPlansTable;
  supervisions: SupervisionsTable;
  supervision_team_members: SupervisionTeamMembersTable;
  supervision_checklist_items: SupervisionChecklistItemsTable;
}
