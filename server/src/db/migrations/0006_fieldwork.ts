import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
// Supervision field work and results (督10–12), attachments, the office's summary with
// commendations and model cases (督11), and overdue escalation in the problem ledger (督18).

const recordMethods = `'symposium', 'document_review', 'field_survey', 'questionnaire', 'interview',
      'briefing', 'public_report', 'unannounced_visit', 'third_party_results'`;

const statements = [
  // A supervision's result is notified to the supervised unit with rectification requirements (督12).
  `ALTER TABLE supervisions DROP CONSTRAINT supervisions_status_check`,
  `ALTER TABLE supervisions ADD CONSTRAINT supervisions_status_check
    CHECK (status IN ('proposed', 'approved', 'team_formed', 'in_field', 'report_submitted', 'result_notified', 'closed'))`,
  `ALTER TABLE supervisions ADD COLUMN result_notified_on date`,
  `ALTER TABLE supervisions ADD COLUMN result_text text`,
  `ALTER TABLE supervisions ADD COLUMN rectification_deadline date`,
  `ALTER TABLE supervisions ADD COLUMN result_notified_by integer REFERENCES users (id)`,
  `ALTER TABLE supervisions ADD CONSTRAINT supervisions_result_check
    CHECK (status <> 'result_notified' OR (result_notified_on IS NOT NULL AND result_text IS NOT NULL AND result_notified_by IS NOT NULL))`,
  `ALTER TABLE supervisions ADD CONSTRAINT supervisions_deadline_check
    CHECK (rectification_deadline IS NULL OR (result_notified_on IS NOT NULL AND rectification_deadline >= result_notified_on))`,

  // Field records of a supervision by the methods of 督4, linked to the 责任清单 of 督9.
  `CREATE TABLE supervision_records (
    id serial PRIMARY KEY,
    supervision_id integer NOT NULL REFERENCES supervisions (id),
    method text NOT NULL CHECK (method IN (${recordMethods})),
    record_date date NOT NULL,
    place text NOT NULL CHECK (length(place) > 0),
    participants text NOT NULL DEFAULT '',
    notes text NOT NULL CHECK (length(notes) > 0),
    checklist_item_id integer REFERENCES supervision_checklist_items (id),
    recorded_by integer NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE INDEX supervision_records_supervision_idx ON supervision_records (supervision_id)`,

  // The team's visit schedule. The target of an unannounced visit (随机访/暗访) stays sealed from
  // the supervised county until the visit has been recorded (record_id set).
  `CREATE TABLE supervision_visits (
    id serial PRIMARY KEY,
    supervision_id integer NOT NULL REFERENCES supervisions (id),
    method text NOT NULL CHECK (method IN (${recordMethods})),
    planned_on date NOT NULL,
    target_region_code text REFERENCES regions (code),
    target_description text NOT NULL CHECK (length(target_description) > 0),
    record_id integer UNIQUE REFERENCES supervision_records (id),
    created_by integer NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE INDEX supervision_visits_supervision_idx ON supervision_visits (supervision_id)`,

  // The problem ledger takes supervision findings (督9 area as the category) and problems of
  // assistance units, which are units rather than counties.
  `ALTER TABLE problems ADD COLUMN supervision_id integer REFERENCES supervisions (id)`,
  `ALTER TABLE problems ADD COLUMN supervision_checklist_item_id integer REFERENCES supervision_checklist_items (id)`,
  `ALTER TABLE problems ADD COLUMN responsible_unit_id integer REFERENCES units (id)`,
  `ALTER TABLE problems ALTER COLUMN responsible_unit_code DROP NOT NULL`,
  `ALTER TABLE problems ADD CONSTRAINT problems_responsible_check CHECK ((responsible_unit_code IS NULL) <> (responsible_unit_id IS NULL))`,
  `ALTER TABLE problems ADD CONSTRAINT problems_supervision_check CHECK ((source = 'supervision') = (supervision_id IS NOT NULL))`,
  `ALTER TABLE problems ADD CONSTRAINT problems_supervision_source_check CHECK (source <> 'supervision' OR source_id = supervision_id)`,
  `ALTER TABLE problems ADD CONSTRAINT problems_supervision_category_check CHECK (source <> 'supervision' OR category ~ '^9\\.[1-8]$')`,
  `ALTER TABLE problems ADD CONSTRAINT problems_checklist_source_check
    CHECK (supervision_checklist_item_id IS NULL OR source = 'supervision')`,
  `CREATE INDEX problems_supervision_idx ON problems (supervision_id) WHERE supervision_id IS NOT NULL`,
  `CREATE INDEX problems_responsible_unit_idx ON problems (responsible_unit_id, status) WHERE responsible_unit_id IS NOT NULL`,

  // Overdue escalation (督18, R-I7): 1 = 督办 by the city office once the deadline has passed,
  // 2 = reported to 市委、市政府 when still not rectified a month after the deadline.
  `ALTER TABLE problems ADD COLUMN escalation_level integer NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2)`,
  `ALTER TABLE problems ADD COLUMN escalated_at timestamptz`,
  `ALTER TABLE problems ADD CONSTRAINT problems_escalation_check CHECK ((escalation_level = 0) = (escalated_at IS NULL))`,

  // Photos and documents attached to field records and to rectification evidence; the bytes are
  // kept in the database so that a backup holds everything.
  `CREATE TABLE attachments (
    id serial PRIMARY KEY,
    owner_type text NOT NULL CHECK (owner_type IN ('inspection_record', 'supervision_record', 'problem')),
    owner_id integer NOT NULL,
    file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type text NOT NULL CHECK (length(content_type) > 0),
    byte_size integer NOT NULL CHECK (byte_size > 0 AND byte_size <= 20971520),
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content bytea NOT NULL,
    uploaded_by integer NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (octet_length(content) = byte_size)
    )`,
  `CREATE INDEX attachments_owner_idx ON attachments (owner_type, owner_id)`,

  // 督11: commendations (通报表扬) and model cases (先进典型) drawn from supervision results.
  `CREATE TABLE commendations (
    id serial PRIMARY KEY,
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind text NOT NULL CHECK (kind IN ('commendation', 'model_case')),
    assessment_unit_code text REFERENCES assessment_units (code),
    unit_id integer REFERENCES units (id),
    supervision_id integer REFERENCES supervisions (id),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description text NOT NULL CHECK (length(description) > 0),
    status text NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
    proposed_by integer NOT NULL REFERENCES users (id),
    decided_by integer REFERENCES users (id),
    decided_at timestamptz,
    decision_note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((assessment_unit_code IS NULL) <> (unit_id IS NULL)),
    CHECK ((status = 'proposed') = (decided_at IS NULL))
    )`,
  `CREATE INDEX commendations_year_idx ON commendations (year, kind)`,

  // 督11: the city office's summary of supervision to 市委、市政府.
  `CREATE TABLE supervision_summaries (
    id serial PRIMARY KEY,
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body text NOT NULL CHECK (length(body) > 0),
    status text NOT NULL CHECK (status IN ('draft', 'submitted')),
    created_by integer NOT NULL REFERENCES users (id),
    submitted_by integer REFERENCES users (id),
    submitted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'submitted') = (submitted_at IS NOT NULL AND submitted_by IS NOT NULL))
    )`,
  `CREATE INDEX supervision_summaries_year_idx ON supervision_summaries (year)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
