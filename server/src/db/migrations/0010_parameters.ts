import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
// The numbers of the measures as configuration per year (the 督18 period, escalation steps, the
// 督14 rank, the 责任清单 year, the 数字脱贫 thresholds …): one row per year and parameter, with the
// article it comes from, the Huizhou 2017 default it replaced, and who set it when.

const statements = [
  `CREATE TABLE measure_parameters (
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    key text NOT NULL CHECK (key ~ '^[a-z][A-Za-z0-9]{1,63}$'),
    value jsonb NOT NULL,
    -- The article of the measures the number comes from, e.g. 督18, 考8(3).
    article text NOT NULL CHECK (length(article) BETWEEN 1 AND 40),
    -- The Huizhou 2017 default at the time the row was written.
    default_value jsonb NOT NULL,
    -- NULL: written by the system (the reference seed), not by a user.
    updated_by integer REFERENCES users (id),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, key)
    )`,
  `CREATE INDEX measure_parameters_key_idx ON measure_parameters (key, year)`,
  // The period of an inspection now comes from the parameters of its year, written when it is proposed.
  `ALTER TABLE inspections ALTER COLUMN rectification_months DROP DEFAULT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
