import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
// User management: a scope column holds a value only for the roles it scopes, so that a change of
// role can never leave a former county, town, unit or person behind on an account.

const statements = [
  `ALTER TABLE users ADD CONSTRAINT users_assessment_unit_role_check
    CHECK (assessment_unit_code IS NULL OR role IN ('county_user', 'third_party'))`,
  `ALTER TABLE users ADD CONSTRAINT users_town_role_check CHECK (town_code IS NULL OR role = 'town_user')`,
  `ALTER TABLE users ADD CONSTRAINT users_unit_role_check CHECK (unit_id IS NULL OR role = 'assist_unit_user')`,
  `ALTER TABLE users ADD CONSTRAINT users_person_role_check CHECK (person_id IS NULL OR role IN ('team_leader', 'team_member'))`,
  `CREATE INDEX users_role_idx ON users (role, is_active)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
