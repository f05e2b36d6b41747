import type { ColumnType, Generated } from 'kysely';

type DateColumn = ColumnType<string, string, string>;

export type IssuedDocumentKind =
  | 'inspection_report'
  | 'rectification_notice'
  | 'referral_letter'
  | 'supervision_report'
  | 'supervision_result_notice'
  | 'supervision_summary';

export interface DocumentRegistersTable {
  register_code: string;
  year: number;
  last_number: number;
}

export interface IssuedDocumentsTable {
  id: Generated<number>;
  kind: IssuedDocumentKind;
  inspection_id: number | null;
  supervision_id: number | null;
  transfer_id: number | null;
  supervision_summary_id: number | null;
  issuer: string;
  register_code: string | null;
  year: number;
  sequence: number | null;
  document_number: string | null;
  title: string;
  issued_on: DateColumn;
  file_name: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  content: Buffer;
  issued_by: number;
  issued_at: Date;
}

export interface DocumentTables {
  document_registers: DocumentRegistersTable;
  issued_documents: IssuedDocumentsTable;
}
