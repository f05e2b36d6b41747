import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
const statements = [
  `CREATE TABLE regions (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{2,12}$'),
    name text NOT NULL CHECK (length(name) > 0),
    level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'town', 'village')),
    parent_code text REFERENCES regions (code),
    province_code text NOT NULL,
    city_code text,
    county_code text,
    town_code text,
    source text NOT NULL,
    CHECK ((level = 'province') = (parent_code IS NULL))
    )`,
  `CREATE INDEX regions_parent_idx ON regions (parent_code)`,
  `CREATE INDEX regions_town_idx ON regions (town_code)`,
  `CREATE INDEX regions_county_idx ON regions (county_code)`,
  `CREATE TABLE assessment_units (
    code text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    category text NOT NULL CHECK (category IN ('poverty_task', 'self_assistance')),
    county_code text NOT NULL REFERENCES regions (code),
    governs_county boolean NOT NULL,
    sort_order integer NOT NULL
    )`,
  `CREATE TABLE assessment_unit_towns (
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    town_code text NOT NULL REFERENCES regions (code),
    unit_code text NOT NULL REFERENCES assessment_units (code),
    PRIMARY KEY (year, town_code)
    )`,
  `CREATE INDEX assessment_unit_towns_unit_idx ON assessment_unit_towns (unit_code, year)`,
  `CREATE TABLE poverty_villages (
    village_code text NOT NULL REFERENCES regions (code),
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    exit_status text NOT NULL DEFAULT 'not_exited' CHECK (exit_status IN ('not_exited', 'exited')),
    exit_year integer,
    is_demo boolean NOT NULL DEFAULT false,
    PRIMARY KEY (village_code, year),
    CHECK ((exit_status = 'exited') = (exit_year IS NOT NULL))
    )`,
  `CREATE TABLE units (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(name) > 0),
    is_leading_group_member boolean NOT NULL DEFAULT false,
    assistance_category text CHECK (assistance_category IN ('市直', '驻惠')),
    region_code text REFERENCES regions (code),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE TABLE people (
    id serial PRIMARY KEY,
    name text NOT NULL CHECK (length(name) > 0),
    gender text NOT NULL CHECK (gender IN ('male', 'female')),
    unit_id integer NOT NULL REFERENCES units (id),
    post text NOT NULL,
    rank text NOT NULL CHECK (rank IN ('bureau', 'division', 'section', 'other')),
    home_region_code text REFERENCES regions (code),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE INDEX people_unit_idx ON people (unit_id)`,
  `CREATE TABLE users (
    id serial PRIMARY KEY,
    username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{2,40}$'),
    display_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('office_admin', 'office_staff', 'city_leader', 'leading_group', 'org_dept',
      'team_leader', 'team_member', 'county_user', 'town_user', 'assist_unit_user', 'third_party', 'discipline')),
    assessment_unit_code text REFERENCES assessment_units (code),
    town_code text REFERENCES regions (code),
    unit_id integer REFERENCES units (id),
    person_id integer REFERENCES people (id),
    password_hash text NOT NULL,
    must_change_password boolean NOT NULL DEFAULT false,
    failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until timestamptz,
    is_active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'county_user' OR assessment_unit_code IS NOT NULL),
    CHECK (role <> 'town_user' OR town_code IS NOT NULL),
    CHECK (role <> 'assist_unit_user' OR unit_id IS NOT NULL)
    )`,
  `CREATE TABLE sessions (
    id text PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
    )`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
  `CREATE TABLE audit_events (
    seq bigint PRIMARY KEY,
    at timestamptz NOT NULL,
    actor_id integer,
    actor_name text NOT NULL,
    action text NOT NULL,
    entity_type text NOT NULL,
    entity_id text NOT NULL,
    before jsonb,
    after jsonb,
    prev_hash text NOT NULL,
    hash text NOT NULL UNIQUE
    )`,
  `CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id)`,
  `-- Append-only: the application never updates or deletes an event. Someone with raw
    -- database access can still disable this trigger; the hash chain then tells.
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
    END;
    $$`,
  `CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
  `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
  `CREATE TABLE person_change_requests (
    id serial PRIMARY KEY,
    person_id integer NOT NULL REFERENCES people (id),
    new_rank text CHECK (new_rank IN ('bureau', 'division', 'section', 'other')),
    new_unit_id integer REFERENCES units (id),
    reason text NOT NULL CHECK (length(reason) > 0),
    status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn')),
    requested_by integer NOT NULL REFERENCES users (id),
    decided_by integer REFERENCES users (id),
    decided_at timestamptz,
    decision_note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (new_rank IS NOT NULL OR new_unit_id IS NOT NULL)
    )`,
  `CREATE INDEX person_change_requests_person_idx ON person_change_requests (person_id)`,
  `CREATE INDEX person_change_requests_status_idx ON person_change_requests (status)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
