import type { ColumnType, Generated } from 'kysely';

// The 建档立卡 registry tables (migration 0002). Dates are read as YYYY-MM-DD text.
type DateText = ColumnType<string, string, string>;
type NullableDateText = ColumnType<string | null, string | null | undefined, string | null>;
type Money = ColumnType<string, number | string, number | string>;

export type HouseholdStatusCode = 'not_exited' | 'exited' | 'returned' | 'removed';

export interface ExitCriteriaTable {
  year: number;
  exit_income_line: Money;
  identification_line: Money;
  requires_two_assurances: boolean;
  requires_three_guarantees: boolean;
  requires_comparable_services: boolean;
  note: string;
}

export interface HouseholdsTable {
  id: Generated<number>;
  household_no: string;
  village_code: string;
  town_code: string;
  county_code: string;
  head_name: string;
  attribute: 'general' | 'dibao' | 'tekun';
  identification_standard: string;
  identified_year: number;
  status: HouseholdStatusCode;
  exit_year: number | null;
  exit_date: NullableDateText;
  main_cause: string;
  other_causes: string[];
  housing_grade: string | null;
  has_safe_water: boolean;
  has_electricity: boolean;
  has_sanitary_toilet: boolean;
  food_clothing_secure: boolean;
  education_secured: boolean;
  medical_secured: boolean;
  housing_secured: boolean;
  assistance_person: string | null;
  assistance_unit: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  member_count: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  updated_by: Generated<string>;
}

export interface HouseholdMembersTable {
  id: Generated<number>;
  household_id: number;
  name: string;
  id_cipher: string;
  id_hash: string;
  id_masked: string;
  sex: 'male' | 'female';
  birth_date: DateText;
  relation: string;
  ethnicity: string;
  education: string;
  schooling: string;
  health: 'healthy' | 'chronic' | 'serious' | 'disabled';
  labour_ability: 'normal' | 'weak' | 'none';
  migrant_months: number;
  has_dibao: boolean;
  has_medical_insurance: boolean;
  has_pension_insurance: boolean;
}

export interface HouseholdIncomesTable {
  household_id: number;
  year: number;
  wage_income: Money;
  production_income: Money;
  property_income: Money;
  transfer_income: Money;
  production_costs: Money;
  per_capita_income: Money;
  recorded_at: Generated<Date>;
}

export interface HouseholdMeasuresTable {
  id: Generated<number>;
  household_id: number;
  year: number;
  measure: string;
}

export interface HouseholdStatusChangesTable {
  id: Generated<number>;
  household_id: number;
  from_status: HouseholdStatusCode | null;
  to_status: HouseholdStatusCode;
  effective_on: DateText;
  recorded_at: Generated<Date>;
  actor_name: string;
  evidence: ColumnType<unknown, string, string>;
  note: string;
}

export interface RegistrySnapshotsTable {
  id: number;
  as_of: DateText;
  taken_at: Date;
  taken_by: string;
  household_count: number;
  member_count: number;
  content_hash: string;
}

export interface RegistryTables {
  exit_criteria: ExitCriteriaTable;
  households: HouseholdsTable;
  household_members: HouseholdMembersTable;
  household_incomes: HouseholdIncomesTable;
  household_measures: HouseholdMeasuresTable;
  household_status_changes: HouseholdStatusChangesTable;
  registry_snapshots: RegistrySnapshotsTable;
}
