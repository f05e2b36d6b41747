import { sql, type Kysely } from 'kysely';

// Frozen in time: the 建档立卡 registry (SPEC §3). One statement per entry.
const statements = [
  `CREATE TABLE exit_criteria (
    year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    exit_income_line numeric(10, 2) NOT NULL CHECK (exit_income_line > 0),
    identification_line numeric(10, 2) NOT NULL CHECK (identification_line > 0),
    requires_two_assurances boolean NOT NULL DEFAULT true,
    requires_three_guarantees boolean NOT NULL DEFAULT true,
    requires_comparable_services boolean NOT NULL DEFAULT false,
    note text NOT NULL DEFAULT ''
  )`,
  `CREATE TABLE households (
    id bigserial PRIMARY KEY,
    household_no text NOT NULL UNIQUE CHECK (household_no ~ '^[0-9A-Za-z-]{4,40}$'),
    village_code text NOT NULL REFERENCES regions (code),
    town_code text NOT NULL,
    county_code text NOT NULL,
    head_name text NOT NULL CHECK (length(head_name) BETWEEN 1 AND 40),
    attribute text NOT NULL CHECK (attribute IN ('general', 'dibao', 'tekun')),
    identification_standard text NOT NULL,
    identified_year integer NOT NULL CHECK (identified_year BETWEEN 2000 AND 2100),
    status text NOT NULL CHECK (status IN ('not_exited', 'exited', 'returned', 'removed')),
    exit_year integer CHECK (exit_year BETWEEN 2000 AND 2100),
    exit_date date,
    main_cause text NOT NULL CHECK (main_cause IN ('illness', 'disability', 'lack_of_labour', 'lack_of_skills', 'lack_of_funds', 'education', 'disaster', 'other')),
    other_causes text[] NOT NULL DEFAULT '{}',
    housing_grade text CHECK (housing_grade IN ('A', 'B', 'C', 'D')),
    has_safe_water boolean NOT NULL,
    has_electricity boolean NOT NULL,
    has_sanitary_toilet boolean NOT NULL,
    food_clothing_secure boolean NOT NULL,
    education_secured boolean NOT NULL,
    medical_secured boolean NOT NULL,
    housing_secured boolean NOT NULL,
    assistance_person text,
    assistance_unit text,
    phone_cipher text,
    phone_masked text,
    member_count integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT '系统',
    CHECK (status NOT IN ('exited', 'returned') OR exit_year IS NOT NULL),
    CHECK (exit_date IS NULL OR extract(year FROM exit_date)::int = exit_year)
  )`,
  `CREATE INDEX households_county_status_idx ON households (county_code, status)`,
  `CREATE INDEX households_town_idx ON households (town_code)`,
  `CREATE INDEX households_village_idx ON households (village_code)`,
  `CREATE TABLE household_members (
    id bigserial PRIMARY KEY,
    household_id bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    id_cipher text NOT NULL,
    id_hash text NOT NULL UNIQUE,
    id_masked text NOT NULL,
    sex text NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date date NOT NULL,
    relation text NOT NULL CHECK (relation IN ('head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other')),
    ethnicity text NOT NULL,
    education text NOT NULL,
    schooling text NOT NULL,
    health text NOT NULL CHECK (health IN ('healthy', 'chronic', 'serious', 'disabled')),
    labour_ability text NOT NULL CHECK (labour_ability IN ('normal', 'weak', 'none')),
    migrant_months smallint NOT NULL CHECK (migrant_months BETWEEN 0 AND 12),
    has_dibao boolean NOT NULL,
    has_medical_insurance boolean NOT NULL,
    has_pension_insurance boolean NOT NULL
  )`,
  `CREATE INDEX household_members_household_idx ON household_members (household_id)`,
  `CREATE TABLE household_incomes (
    household_id bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    wage_income numeric(12, 2) NOT NULL,
    production_income numeric(12, 2) NOT NULL,
    property_income numeric(12, 2) NOT NULL,
    transfer_income numeric(12, 2) NOT NULL,
    production_costs numeric(12, 2) NOT NULL CHECK (production_costs >= 0),
    per_capita_income numeric(12, 2) NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (household_id, year)
  )`,
  `CREATE TABLE household_measures (
    id bigserial PRIMARY KEY,
    household_id bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    year integer NOT NULL,
    measure text NOT NULL CHECK (length(measure) BETWEEN 1 AND 200)
  )`,
  `CREATE INDEX household_measures_household_idx ON household_measures (household_id)`,
  `CREATE TABLE household_status_changes (
    id bigserial PRIMARY KEY,
    household_id bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    from_status text,
    to_status text NOT NULL CHECK (to_status IN ('not_exited', 'exited', 'returned', 'removed')),
    effective_on date NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    actor_name text NOT NULL,
    evidence jsonb NOT NULL DEFAULT '[]',
    note text NOT NULL DEFAULT ''
  )`,
  `CREATE INDEX household_status_changes_household_idx ON household_status_changes (household_id, effective_on)`,
  `CREATE INDEX household_status_changes_recorded_idx ON household_status_changes (recorded_at)`,
  `CREATE TABLE registry_snapshots (
    id serial PRIMARY KEY,
    as_of date NOT NULL,
    taken_at timestamptz NOT NULL,
    taken_by text NOT NULL,
    household_count integer NOT NULL,
    member_count integer NOT NULL,
    content_hash text NOT NULL
  )`,
  `CREATE TABLE registry_snapshot_households (
    snapshot_id integer NOT NULL REFERENCES registry_snapshots (id) DEFERRABLE INITIALLY DEFERRED,
    household_id bigint NOT NULL,
    household_no text NOT NULL,
    village_code text NOT NULL,
    town_code text NOT NULL,
    county_code text NOT NULL,
    attribute text NOT NULL,
    status text NOT NULL,
    exit_year integer,
    exit_date date,
    member_count integer NOT NULL,
    disabled_count integer NOT NULL,
    per_capita_income numeric(12, 2),
    previous_income numeric(12, 2),
    two_assurances_met boolean NOT NULL,
    row_hash text NOT NULL,
    PRIMARY KEY (snapshot_id, household_id)
  )`,
  `CREATE FUNCTION registry_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'registry snapshots are immutable';
    END;
    $$`,
  `CREATE TRIGGER registry_snapshot_households_immutable BEFORE UPDATE OR DELETE ON registry_snapshot_households
    FOR EACH ROW EXECUTE FUNCTION registry_snapshot_immutable()`,
  `CREATE TRIGGER registry_snapshots_immutable BEFORE UPDATE OR DELETE ON registry_snapshots
    FOR EACH ROW EXECUTE FUNCTION registry_snapshot_immutable()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
