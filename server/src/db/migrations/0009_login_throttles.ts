import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
// Login back-off per account and client instead of an account lock that anyone could trigger: a
// client that keeps failing on an account waits longer each time; every other client is unaffected.

const statements = [
  `CREATE TABLE login_throttles (
    -- The username tried (as typed, lower-cased), or '*' for one client's failures on every account.
    account text NOT NULL CHECK (length(account) BETWEEN 1 AND 100),
    -- 'device:<id>' for a browser that has signed in to this account before, else 'address:<ip>'.
    client text NOT NULL CHECK (length(client) BETWEEN 1 AND 200),
    failures integer NOT NULL CHECK (failures > 0),
    last_failed_at timestamptz NOT NULL,
    blocked_until timestamptz,
    PRIMARY KEY (account, client)
    )`,
  `CREATE INDEX login_throttles_last_failed_idx ON login_throttles (last_failed_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
