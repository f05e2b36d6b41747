import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
// What kind of installation this database is (a demo or a real office's), and the long jobs
// (registry imports, the demo's first-start generation) as rows that outlive the process.

const statements = [
  // One row, written once when the installation is first set up; readers treat its absence as production.
  `CREATE TABLE installation (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    kind text NOT NULL CHECK (kind IN ('demo', 'production')),
    reason text NOT NULL CHECK (length(reason) > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
    )`,

  `CREATE TABLE jobs (
    id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{8,40}$'),
    kind text NOT NULL CHECK (kind IN ('registry_import', 'demo_registry', 'demo_activity')),
    status text NOT NULL CHECK (status IN ('receiving', 'running', 'done', 'failed')),
    file_name text,
    owner_id integer REFERENCES users (id),
    rows_read integer NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
    progress jsonb,
    started_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    finished_at timestamptz,
    result jsonb,
    failure text,
    CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL)),
    CHECK (status <> 'failed' OR failure IS NOT NULL),
    CHECK (kind <> 'registry_import' OR file_name IS NOT NULL)
    )`,
  `CREATE INDEX jobs_unfinished_idx ON jobs (kind) WHERE status IN ('receiving', 'running')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
