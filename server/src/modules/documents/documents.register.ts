import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { IssuedDocumentKind } from '../../db/schema.documents.ts';
import type { Actor } from '../../kernel/access.ts';
import { appendAuditEvent, auditActorOf, lockAuditChain } from '../../kernel/audit.ts';
import type { Clock } from '../../kernel/clock.ts';

// The register of issued documents (发文登记). This file owns `document_registers` and
// `issued_documents`: every other module issues and reads documents through it.

export type IssuedDocumentSubject = 'inspection' | 'supervision' | 'transfer' | 'supervision_summary';

/** The 市扶贫办's registers: 惠扶办 for its documents (通知、通报、报告), 惠扶办函 for its letters. */
export const OFFICE_REGISTER = '惠扶办';
export const OFFICE_LETTER_REGISTER = '惠扶办函';

/**
 * Per kind: its name, the record it is issued for, and the register its number comes from — none
 * for a team's report to the office, which GB/T 9704 gives no 文号 (it is kept all the same).
 */
/** Each kind of document: its name, the record it is issued for, its register, and where it is downloaded (documents.routes.ts). */
export const documentKinds: Record<IssuedDocumentKind, { label: string; subject: IssuedDocumentSubject; register: string | null; path: (subjectId: number) => string }> = {
  inspection_report: { label: '巡查报告', subject: 'inspection', register: null, path: (id) => `/api/documents/inspections/${id}/report.docx` },
  rectification_notice: { label: '整改通知书', subject: 'inspection', register: OFFICE_REGISTER, path: (id) => `/api/documents/inspections/${id}/rectification-notice.docx` },
  referral_letter: { label: '移交函', subject: 'transfer', register: OFFICE_LETTER_REGISTER, path: (id) => `/api/documents/transfers/${id}/referral-letter.docx` },
  supervision_report: { label: '督查报告', subject: 'supervision', register: null, path: (id) => `/api/documents/supervisions/${id}/report.docx` },
  supervision_result_notice: { label: '督查结果通报', subject: 'supervision', register: OFFICE_REGISTER, path: (id) => `/api/documents/supervisions/${id}/result-notice.docx` },
  supervision_summary: { label: '督查工作总结', subject: 'supervision_summary', register: OFFICE_REGISTER, path: (id) => `/api/documents/supervision-summaries/${id}/summary.docx` },
};

const subjectColumns = {
  inspection: 'inspection_id',
  supervision: 'supervision_id',
  transfer: 'transfer_id',
  supervision_summary: 'supervision_summary_id',
} as const;

/** 惠扶办〔2017〕3号. */
export function formatDocumentNumber(register: string, year: number, sequence: number): string {
  return `${register}〔${year}〕${sequence}号`;
}

/** A draft's 文号 line: the register and year with the number left blank (惠扶办〔2017〕 号). */
export function blankDocumentNumber(register: string, year: number): string {
  return `${register}〔${year}〕\u3000\u3000号`;
}

export type RenderedDocument = { title: string; fileName: string; contentType: string; body: Buffer };

export type IssueRequest = {
  kind: IssuedDocumentKind;
  subjectId: number;
  issuer: string;
  /** 成文日期, YYYY-MM-DD; its year is the register's year. */
  issuedOn: string;
  /** Renders the document with its number (null for a kind without one). */
  render: (documentNumber: string | null) => Promise<RenderedDocument>;
};

const viewColumns = [
  'issued_documents.id',
  'issued_documents.kind',
  'issued_documents.issuer',
  'issued_documents.register_code',
  'issued_documents.year',
  'issued_documents.sequence',
  'issued_documents.document_number',
  'issued_documents.title',
  'issued_documents.issued_on',
  'issued_documents.file_name',
  'issued_documents.byte_size',
  'issued_documents.sha256',
  'issued_documents.issued_at',
  'issued_documents.inspection_id',
  'issued_documents.supervision_id',
  'issued_documents.transfer_id',
  'issued_documents.supervision_summary_id',
] as const;

function selectIssued(db: Kysely<DB>) {
  return db
    .selectFrom('issued_documents')
    .innerJoin('users', 'users.id', 'issued_documents.issued_by')
    .select([...viewColumns, 'users.display_name as issued_by_name']);
}

type IssuedRow = Awaited<ReturnType<ReturnType<typeof selectIssued>['executeTakeFirstOrThrow']>>;

function toIssuedDocumentView(row: IssuedRow) {
  const subject = documentKinds[row.kind].subject;
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: documentKinds[row.kind].label,
    subject,
    subjectId: row[subjectColumns[subject]]!,
    downloadUrl: documentKinds[row.kind].path(row[subjectColumns[subject]]!),
    issuer: row.issuer,
    registerCode: row.register_code,
    year: row.year,
    sequence: row.sequence,
    documentNumber: row.document_number,
    title: row.title,
    issuedOn: row.issued_on,
    fileName: row.file_name,
    byteSize: row.byte_size,
    sha256: row.sha256,
    issuedByName: row.issued_by_name,
    issuedAt: row.issued_at,
  };
}

export type IssuedDocumentView = ReturnType<typeof toIssuedDocumentView>;

/** The next number of a register's year, in the caller's transaction: of two concurrent issues each gets its own. */
async function takeNextNumber(trx: Transaction<DB>, register: string, year: number): Promise<number> {
  const { rows } = await sql<{ last_number: number }>`
    INSERT INTO document_registers (register_code, year, last_number) VALUES (${register}, ${year}, 1)
    ON CONFLICT (register_code, year) DO UPDATE SET last_number = document_registers.last_number + 1
    RETURNING last_number`.execute(trx);
  return rows[0]!.last_number;
}

/**
 * Issues a document in the caller's transaction (the workflow step that sends it): takes the next
 * number of its register's year, renders it with that number, keeps the bytes with their SHA-256
 * and writes the `document.issue` audit event. A document already issued for the record is
 * returned as it is — a kind is issued once per record.
 */
export async function issueDocument(trx: Transaction<DB>, clock: Clock, actor: Actor, request: IssueRequest): Promise<IssuedDocumentView> {
  // The chain's lock first: every issue, and every workflow step around one, then takes its locks in one order.
  await lockAuditChain(trx);
  const kind = documentKinds[request.kind];
  const column = subjectColumns[kind.subject];
  const existing = await selectIssued(trx).where('issued_documents.kind', '=', request.kind).where(`issued_documents.${column}`, '=', request.subjectId).executeTakeFirst();
  if (existing) return toIssuedDocumentView(existing);
  const year = Number(request.issuedOn.slice(0, 4));
  const sequence = kind.register ? await takeNextNumber(trx, kind.register, year) : null;
  const documentNumber = kind.register && sequence ? formatDocumentNumber(kind.register, year, sequence) : null;
  const rendered = await request.render(documentNumber);
  const sha256 = createHash('sha256').update(rendered.body).digest('hex');
  const issuedAt = clock.now();
  const { id } = await trx
    .insertInto('issued_documents')
    .values({
      kind: request.kind,
      inspection_id: null,
      supervision_id: null,
      transfer_id: null,
      supervision_summary_id: null,
      [column]: request.subjectId,
      issuer: request.issuer,
      register_code: kind.register,
      year,
      sequence,
      document_number: documentNumber,
      title: rendered.title,
      issued_on: request.issuedOn,
      file_name: rendered.fileName,
      content_type: rendered.contentType,
      byte_size: rendered.body.length,
      sha256,
      content: rendered.body,
      issued_by: actor.id,
      issued_at: issuedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAuditEvent(trx, clock, auditActorOf(actor), {
    action: 'document.issue',
    entityType: 'issued_document',
    entityId: id,
    after: {
      kind: request.kind,
      [kind.subject === 'supervision_summary' ? 'supervisionSummaryId' : `${kind.subject}Id`]: request.subjectId,
      documentNumber,
      title: rendered.title,
      issuedOn: request.issuedOn,
      fileName: rendered.fileName,
      byteSize: rendered.body.length,
      sha256,
    },
  });
  return toIssuedDocumentView(await selectIssued(trx).where('issued_documents.id', '=', id).executeTakeFirstOrThrow());
}

/** The kept file of a record's document of this kind, or undefined when none has been issued. */
export async function findIssuedFile(db: Kysely<DB>, kind: IssuedDocumentKind, subjectId: number) {
  const column = subjectColumns[documentKinds[kind].subject];
  return db
    .selectFrom('issued_documents')
    .select(['document_number', 'file_name', 'content_type', 'content', 'sha256'])
    .where('kind', '=', kind)
    .where(column, '=', subjectId)
    .executeTakeFirst();
}

/** The documents issued for one record, oldest first, without their bytes. */
export async function listIssuedDocumentsOf(db: Kysely<DB>, subject: IssuedDocumentSubject, subjectId: number): Promise<IssuedDocumentView[]> {
  const rows = await selectIssued(db).where(`issued_documents.${subjectColumns[subject]}`, '=', subjectId).orderBy('issued_documents.id').execute();
  return rows.map(toIssuedDocumentView);
}

/** The register of a year (发文登记簿): every issued document in the order of its number, unnumbered ones last. */
export async function listRegister(db: Kysely<DB>, filter: { year: number; registerCode?: string | undefined }): Promise<IssuedDocumentView[]> {
  let query = selectIssued(db).where('issued_documents.year', '=', filter.year);
  if (filter.registerCode) query = query.where('issued_documents.register_code', '=', filter.registerCode);
  const rows = await query
    .orderBy(sql`issued_documents.register_code IS NULL`)
    .orderBy('issued_documents.register_code')
    .orderBy('issued_documents.sequence')
    .orderBy('issued_documents.id')
    .execute();
  return rows.map(toIssuedDocumentView);
}
