import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ComplaintTables } from './schema.complaints.ts';
import type { DocumentTables } from './schema.documents.ts';
import type { RecordMethod } from './schema.methods.ts';
import type { OperationsTables } from './schema.operations.ts';
import type { ParameterTables } from './schema.parameters.ts';
import type { RegistryTables } from './schema.registry.ts';
import type { SupervisionTables } from './schema.supervisions.ts';

export type { RecordMethod };

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village';
export type Rank = 'bureau' | 'division' | 'section' | 'other';
export type Role =
  | 'office_admin'
  | 'office_staff'
  | 'city_leader'
  | 'leading_group'
  | 'org_dept'
  | 'team_leader'
  | 'team_member'
  | 'county_user'
  | 'town_user'
  | 'assist_unit_user'
  | 'third_party'
  | 'discipline';

export interface RegionsTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  province_code: string;
  city_code: string | null;
  county_code: string | null;
  town_code: string | null;
  source: string;
}

export interface AssessmentUnitsTable {
  code: string;
  name: string;
  category: 'poverty_task' | 'self_assistance';
  county_code: string;
  /** True when the unit is the county-level division itself (惠东县), false for a functional zone carved out of one (大亚湾区). */
  governs_county: boolean;
  sort_order: number;
}

export interface AssessmentUnitTownsTable {
  year: number;
  town_code: string;
  unit_code: string;
}

export interface PovertyVillagesTable {
  village_code: string;
  year: number;
  exit_status: 'not_exited' | 'exited';
  exit_year: number | null;
  is_demo: boolean;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  is_leading_group_member: boolean;
  assistance_category: '市直' | '驻惠' | null;
  region_code: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PeopleTable {
  id: Generated<number>;
  name: string;
  gender: 'male' | 'female';
  unit_id: number;
  post: string;
  rank: Rank;
  home_region_code: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  assessment_unit_code: string | null;
  town_code: string | null;
  unit_id: number | null;
  person_id: number | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date;
  last_seen_at: Date;
}

export interface AuditEventsTable {
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json;
  after: Json;
  prev_hash: string;
  hash: string;
}

export type ChangeRequestStatus = 'submitted' | 'approved' | 'rejected' | 'withdrawn';

export interface PersonChangeRequestsTable {
  id: Generated<number>;
  person_id: number;
  new_rank: Rank | null;
  new_unit_id: number | null;
  reason: string;
  status: ChangeRequestStatus;
  requested_by: number;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

// Inspection 巡查 (督13–18) and the problem ledger (SPEC §6) — migration 0003.
// Date columns are read as text (YYYY-MM-DD) by the queries that use them.
type DateColumn = ColumnType<string, string, string>;
type NullableDateColumn = ColumnType<string | null, string | null | undefined, string | null>;

export type ProblemCategory = 'work_style' | 'project_funds' | 'identification_exit' | 'discipline_complaints';

export interface ChecklistItemsTable {
  id: Generated<number>;
  year: number;
  category: ProblemCategory;
  code: string;
  title: string;
  sort_order: number;
}

export type InspectionStatus = 'proposed' | 'approved' | 'rejected' | 'team_formed' | 'in_field' | 'report_submitted' | 'feedback_issued' | 'closed';

export interface InspectionsTable {
  id: Generated<number>;
  year: number;
  title: string;
  assessment_unit_code: string;
  reason: string;
  plan: Generated<string>;
  planned_start: NullableDateColumn;
  planned_end: NullableDateColumn;
  rectification_months: number;
  status: InspectionStatus;
  proposed_by: number;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
  report: string | null;
  report_submitted_by: number | null;
  report_submitted_at: Date | null;
  feedback_date: NullableDateColumn;
  feedback_text: string | null;
  feedback_by: number | null;
  closed_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TeamsTable {
  id: Generated<number>;
  inspection_id: number;
  name: string;
  formed_by: number;
  formed_at: Date;
}

export interface TeamMembersTable {
  team_id: number;
  person_id: number;
  role: 'leader' | 'member';
}


export interface InspectionRecordsTable {
  id: Generated<number>;
  inspection_id: number;
  method: RecordMethod;
  record_date: DateColumn;
  place: string;
  participants: Generated<string>;
  notes: string;
  checklist_item_id: number | null;
  recorded_by: number;
  created_at: CreatedAt;
}

export interface HandlingRecommendationsTable {
  id: Generated<number>;
  inspection_id: number;
  problem: string;
  recommendation: string;
  issued_by: number;
  issued_at: Date;
}

export type ProblemSource = 'inspection' | 'supervision' | 'complaint' | 'assessment';
export type ProblemStatus = 'open' | 'in_progress' | 'reported' | 'verified' | 'returned' | 'extension_requested' | 'extension_granted' | 'transferred';

export interface ProblemsTable {
  id: Generated<number>;
  source: ProblemSource;
  source_id: number;
  inspection_id: number | null;
  category: string;
  checklist_item_id: number | null;
  responsible_unit_code: string | null;
  /** An assistance unit responsible instead of a county (supervision of an assistance unit); exactly one of the two is set. */
  responsible_unit_id: number | null;
  supervision_id: number | null;
  supervision_checklist_item_id: number | null;
  description: string;
  evidence: Generated<string>;
  severity: Generated<'general' | 'serious'>;
  requirement: Generated<string>;
  notified_on: NullableDateColumn;
  deadline: NullableDateColumn;
  measures: string | null;
  rectification_evidence: string | null;
  reported_at: Date | null;
  extension_reason: string | null;
  requested_deadline: NullableDateColumn;
  verified_by: number | null;
  verified_at: Date | null;
  verification_note: string | null;
  return_reason: string | null;
  status: Generated<ProblemStatus>;
  /** 0 none, 1 督办 by the city office (overdue), 2 reported to 市委、市政府 (a month overdue). */
  escalation_level: Generated<0 | 1 | 2>;
  escalated_at: Date | null;
  recorded_by: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Failed logins of one client on one account (or on every account, `account = '*'`), for the back-off. */
export interface LoginThrottlesTable {
  account: string;
  client: string;
  failures: number;
  last_failed_at: Date;
  blocked_until: Date | null;
}

export interface DB extends RegistryTables, ComplaintTables, SupervisionTables, OperationsTables, ParameterTables, DocumentTables {
  regions: RegionsTable;
  assessment_units: AssessmentUnitsTable;
  assessment_unit_towns: AssessmentUnitTownsTable;
  poverty_villages: PovertyVillagesTable;
  units: UnitsTable;
  people: PeopleTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttles: LoginThrottlesTable;
  audit_events: AuditEventsTable;
  person_change_requests: PersonChangeRequestsTable;
  checklist_items: ChecklistItemsTable;
  inspections: InspectionsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  inspection_records: InspectionRecordsTable;
  handling_recommendations: HandlingRecommendationsTable;
  problems: ProblemsTable;
}

export type Region = Selectable<RegionsTable>;
export type NewRegion = Insertable<RegionsTable>;
export type User = Selectable<UsersTable>;
export type Person = Selectable<PeopleTable>;
export type Unit = Selectable<UnitsTable>;
export type PersonChangeRequest = Selectable<PersonChangeRequestsTable>;
