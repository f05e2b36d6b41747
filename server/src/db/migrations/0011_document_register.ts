import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code. One statement per entry,
// because PGlite's extended protocol runs one statement at a time.
// The register of issued documents (发文登记, R-X3): a document sent by a workflow step takes the
// next number of its issuing office's yearly register (惠扶办〔2017〕3号) in the transaction of
// that step, and the file sent is kept with its SHA-256, so the one on record is the one sent.

const statements = [
  // One row per register (发文机关代字, e.g. 惠扶办 for the office's documents, 惠扶办函 for its
  // letters) and year; last_number is the last number taken. Taking a number is one
  // INSERT … ON CONFLICT DO UPDATE … RETURNING, so two concurrent issues queue on this row.
  `CREATE TABLE document_registers (
    register_code text NOT NULL CHECK (length(register_code) BETWEEN 1 AND 20),
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    last_number integer NOT NULL CHECK (last_number > 0),
    PRIMARY KEY (register_code, year)
    )`,

  // Each issued document, once per kind and record. A team's report to the office is kept the same
  // way but carries no 文号 (register_code, sequence and document_number all NULL).
  `CREATE TABLE issued_documents (
    id serial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('inspection_report', 'rectification_notice', 'referral_letter',
      'supervision_report', 'supervision_result_notice', 'supervision_summary')),
    inspection_id integer REFERENCES inspections (id),
    supervision_id integer REFERENCES supervisions (id),
    transfer_id integer REFERENCES transfers (id),
    supervision_summary_id integer REFERENCES supervision_summaries (id),
    issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 100),
    register_code text,
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    sequence integer CHECK (sequence > 0),
    document_number text CHECK (length(document_number) BETWEEN 1 AND 40),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    issued_on date NOT NULL,
    file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type text NOT NULL CHECK (length(content_type) > 0),
    byte_size integer NOT NULL CHECK (byte_size > 0),
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content bytea NOT NULL,
    issued_by integer NOT NULL REFERENCES users (id),
    issued_at timestamptz NOT NULL,
    CHECK (octet_length(content) = byte_size),
    CHECK ((register_code IS NULL) = (sequence IS NULL) AND (sequence IS NULL) = (document_number IS NULL)),
    CHECK (year = extract(year FROM issued_on)),
    CHECK (num_nonnulls(inspection_id, supervision_id, transfer_id, supervision_summary_id) = 1),
    CHECK ((kind IN ('inspection_report', 'rectification_notice')) = (inspection_id IS NOT NULL)),
    CHECK ((kind IN ('supervision_report', 'supervision_result_notice')) = (supervision_id IS NOT NULL)),
    CHECK ((kind = 'referral_letter') = (transfer_id IS NOT NULL)),
    CHECK ((kind = 'supervision_summary') = (supervision_summary_id IS NOT NULL)),
    FOREIGN KEY (register_code, year) REFERENCES document_registers (register_code, year),
    UNIQUE (register_code, year, sequence),
    UNIQUE (document_number),
    UNIQUE (kind, inspection_id),
    UNIQUE (kind, supervision_id),
    UNIQUE (kind, transfer_id),
    UNIQUE (kind, supervision_summary_id)
    )`,
  `CREATE INDEX issued_documents_register_idx ON issued_documents (year, register_code, sequence)`,

  // What was sent stays as it was sent.
  `CREATE FUNCTION issued_documents_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
    RAISE EXCEPTION 'issued_documents keeps each issued document as it was issued';
    END;
    $$`,
  `CREATE TRIGGER issued_documents_no_update BEFORE UPDATE OR DELETE ON issued_documents
    FOR EACH ROW EXECUTE FUNCTION issued_documents_unchanged()`,
  `CREATE TRIGGER issued_documents_no_truncate BEFORE TRUNCATE ON issued_documents
    FOR EACH STATEMENT EXECUTE FUNCTION issued_documents_unchanged()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
