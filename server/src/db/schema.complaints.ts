import type { ColumnType, Generated } from 'kysely';

// Complaints 群众举报 (督4), transfers 移交 (督17) and public disclosure 公开 (督18) — migration 0004.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type ComplaintChannel = 'web' | 'hotline' | 'letter';
export type ComplaintStatus = 'submitted' | 'accepted' | 'not_accepted' | 'assigned' | 'answered' | 'confirmed' | 'reopened';

export interface ComplaintsTable {
  id: Generated<number>;
  tracking_code: string;
  channel: ComplaintChannel;
  subject: string;
  content: string;
  region_code: string;
  is_anonymous: boolean;
  complainant_name: string | null;
  complainant_phone_cipher: string | null;
  complainant_phone_masked: string | null;
  complainant_contact: string | null;
  status: ComplaintStatus;
  assigned_unit_code: string | null;
  decision_reason: string | null;
  answer: string | null;
  answered_by: number | null;
  answered_at: Date | null;
  reopen_reason: string | null;
  confirmed_at: Date | null;
  household_id: number | null;
  village_code: string | null;
  problem_id: number | null;
  inspection_id: number | null;
  recorded_by: number | null;
  triaged_by: number | null;
  triaged_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type TransferRecipient = 'discipline_inspection' | 'procuratorate';
export type TransferStatus = 'sent' | 'received' | 'accepted' | 'filed' | 'concluded';

export interface TransfersTable {
  id: Generated<number>;
  problem_id: number;
  recipient_body: TransferRecipient;
  recipient_user_id: number;
  summary: string;
  evidence: ColumnType<unknown, string, string>;
  status: TransferStatus;
  transferred_by: number;
  transferred_at: Date;
  received_at: Date | null;
  accepted_at: Date | null;
  accepted_note: string | null;
  filed_at: Date | null;
  filed_note: string | null;
  concluded_at: Date | null;
  concluded_note: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProblemDisclosuresTable {
  problem_id: number;
  decision: 'disclose' | 'withhold';
  reason: string;
  published_description: string | null;
  published_requirement: string | null;
  published_measures: string | null;
  decided_by: number;
  decided_at: Date;
}

export interface ComplaintTables {
  complaints: ComplaintsTable;
  transfers: TransfersTable;
  problem_disclosures: ProblemDisclosuresTable;
}
