import { sql, type Kysely, type Transaction } from 'kysely';
import type { TransferRecipient, TransferStatus } from '../../db/schema.complaints.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { isTransferVisible } from './transfers.policy.ts';

export type TransferRow = {
  id: number;
  problem_id: number;
  problem_description: string;
  responsible_unit_name: string;
  inspection_id: number | null;
  inspection_title: string | null;
  recipient_body: TransferRecipient;
  recipient_user_id: number;
  recipient_name: string;
  summary: string;
  evidence: unknown;
  status: TransferStatus;
  transferred_by_name: string;
  transferred_at: Date;
  received_at: Date | null;
  accepted_at: Date | null;
  accepted_note: string | null;
  filed_at: Date | null;
  filed_note: string | null;
  concluded_at: Date | null;
  concluded_note: string | null;
  updated_at: Date;
};

const transferSelect = sql`SELECT t.id, t.problem_id, pr.description AS problem_description, coalesce(au.name, unit.name) AS responsible_unit_name,
    pr.inspection_id, i.title AS inspection_title, t.recipient_body, t.recipient_user_id, recipient.display_name AS recipient_name,
    t.summary, t.evidence, t.status, sender.display_name AS transferred_by_name, t.transferred_at, t.received_at,
    t.accepted_at, t.accepted_note, t.filed_at, t.filed_note, t.concluded_at, t.concluded_note, t.updated_at
  FROM transfers t
  JOIN problems pr ON pr.id = t.problem_id
  LEFT JOIN assessment_units au ON au.code = pr.responsible_unit_code
  LEFT JOIN units unit ON unit.id = pr.responsible_unit_id
  LEFT JOIN inspections i ON i.id = pr.inspection_id
  JOIN users recipient ON recipient.id = t.recipient_user_id
  JOIN users sender ON sender.id = t.transferred_by`;

export async function listVisibleTransfers(db: Kysely<DB>, actor: Actor, status: TransferStatus | undefined): Promise<TransferRow[]> {
  const result = await sql<TransferRow>`${transferSelect}
    WHERE ${isTransferVisible(actor)} AND (${status ?? null}::text IS NULL OR t.status = ${status ?? null})
    ORDER BY t.transferred_at DESC, t.id DESC LIMIT 1000`.execute(db);
  return result.rows;
}

export async function findVisibleTransfer(db: Kysely<DB> | Transaction<DB>, actor: Actor, id: number): Promise<TransferRow | undefined> {
  const result = await sql<TransferRow>`${transferSelect} WHERE t.id = ${id} AND ${isTransferVisible(actor)}`.execute(db);
  return result.rows[0];
}

/** Active accounts of the discipline liaisons a referral can be addressed to. */
export async function listRecipients(db: Kysely<DB>) {
  return db.selectFrom('users').select(['id', 'display_name']).where('role', '=', 'discipline').where('is_active', '=', true).orderBy('id').execute();
}

export async function findTransferOfProblem(db: Kysely<DB>, problemId: number) {
  return db.selectFrom('transfers').select(['id', 'status']).where('problem_id', '=', problemId).executeTakeFirst();
}
