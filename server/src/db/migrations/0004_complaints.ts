import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
// Complaints 群众举报 (督4), transfers 移交 to 纪检监察 / 检察机关 (督17, R-I6) and the public
// disclosure of rectification results (督18, R-I8).

const statements = [
  // A problem can be transferred before its county has been told about it (督17 comes before the feedback of 督18).
  `ALTER TABLE problems DROP CONSTRAINT problems_check5`,
  `ALTER TABLE problems ADD CONSTRAINT problems_notified_before_work CHECK (status IN ('open', 'transferred') OR notified_on IS NOT NULL)`,
  `CREATE TABLE complaints (
    id serial PRIMARY KEY,
    tracking_code text NOT NULL UNIQUE CHECK (tracking_code ~ '^[A-HJ-NP-Z2-9]{12}$'),
    channel text NOT NULL CHECK (channel IN ('web', 'hotline', 'letter')),
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    content text NOT NULL CHECK (length(content) BETWEEN 1 AND 5000),
    region_code text NOT NULL REFERENCES regions (code),
    is_anonymous boolean NOT NULL,
    complainant_name text CHECK (length(complainant_name) BETWEEN 1 AND 40),
    complainant_phone_cipher text,
    complainant_phone_masked text,
    complainant_contact text CHECK (length(complainant_contact) BETWEEN 1 AND 200),
    status text NOT NULL CHECK (status IN ('submitted', 'accepted', 'not_accepted', 'assigned', 'answered', 'confirmed', 'reopened')),
    assigned_unit_code text REFERENCES assessment_units (code),
    decision_reason text,
    answer text,
    answered_by integer REFERENCES users (id),
    answered_at timestamptz,
    reopen_reason text,
    confirmed_at timestamptz,
    household_id bigint REFERENCES households (id),
    village_code text REFERENCES regions (code),
    problem_id integer UNIQUE REFERENCES problems (id),
    inspection_id integer REFERENCES inspections (id),
    recorded_by integer REFERENCES users (id),
    triaged_by integer REFERENCES users (id),
    triaged_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- An anonymous complaint keeps nothing that could identify its author.
    CHECK (NOT is_anonymous OR (complainant_name IS NULL AND complainant_phone_cipher IS NULL AND complainant_contact IS NULL)),
    CHECK ((complainant_phone_cipher IS NULL) = (complainant_phone_masked IS NULL)),
    -- The public files through the web form; hotline calls and letters are recorded by staff.
    CHECK ((channel = 'web') = (recorded_by IS NULL)),
    CHECK (status <> 'not_accepted' OR decision_reason IS NOT NULL),
    CHECK (status <> 'assigned' OR assigned_unit_code IS NOT NULL),
    CHECK ((status IN ('answered', 'confirmed', 'reopened')) <= (answer IS NOT NULL AND answered_at IS NOT NULL)),
    CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL)),
    CHECK (status <> 'reopened' OR reopen_reason IS NOT NULL)
    )`,
  `CREATE INDEX complaints_status_idx ON complaints (status, created_at)`,
  `CREATE INDEX complaints_unit_idx ON complaints (assigned_unit_code) WHERE assigned_unit_code IS NOT NULL`,
  `CREATE TABLE transfers (
    id serial PRIMARY KEY,
    problem_id integer NOT NULL UNIQUE REFERENCES problems (id),
    recipient_body text NOT NULL CHECK (recipient_body IN ('discipline_inspection', 'procuratorate')),
    recipient_user_id integer NOT NULL REFERENCES users (id),
    summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
    evidence jsonb NOT NULL,
    status text NOT NULL CHECK (status IN ('sent', 'received', 'accepted', 'filed', 'concluded')),
    transferred_by integer NOT NULL REFERENCES users (id),
    transferred_at timestamptz NOT NULL,
    received_at timestamptz,
    accepted_at timestamptz,
    accepted_note text,
    filed_at timestamptz,
    filed_note text,
    concluded_at timestamptz,
    concluded_note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'sent') = (received_at IS NULL)),
    CHECK (status NOT IN ('accepted', 'filed') OR accepted_at IS NOT NULL),
    CHECK (status <> 'filed' OR filed_at IS NOT NULL),
    CHECK ((status = 'concluded') = (concluded_at IS NOT NULL AND concluded_note IS NOT NULL))
    )`,
  `CREATE INDEX transfers_recipient_idx ON transfers (recipient_user_id, status)`,
  `CREATE TABLE problem_disclosures (
    problem_id integer PRIMARY KEY REFERENCES problems (id),
    decision text NOT NULL CHECK (decision IN ('disclose', 'withhold')),
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    published_description text,
    published_requirement text,
    published_measures text,
    decided_by integer NOT NULL REFERENCES users (id),
    decided_at timestamptz NOT NULL,
    -- What the public reads is fixed (and already redacted) when the office decides.
    CHECK ((decision = 'disclose') = (published_description IS NOT NULL AND published_requirement IS NOT NULL AND published_measures IS NOT NULL))
    )`,
  `CREATE INDEX problem_disclosures_public_idx ON problem_disclosures (decided_at) WHERE decision = 'disclose'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
