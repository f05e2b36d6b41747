import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, InspectionStatus, ProblemStatus } from '../../db/schema.ts';
import type { AttachmentOwnerType, SupervisionStatus } from '../../db/schema.supervisions.ts';
import type { Actor } from '../../kernel/access.ts';
import { isOnInspectionTeam, isOnSupervisionTeam, ownerVisibility, type AttachmentOwner } from './attachments.policy.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The owner of attachments if the actor may read it, else undefined (out of scope reads as not found).
 * With `lock`, the owner's rows are locked until the transaction ends, so that its state cannot change
 * and two uploads to it are counted one after the other.
 */
export async function findVisibleOwner(
  db: Executor,
  actor: Actor,
  ownerType: AttachmentOwnerType,
  ownerId: number,
  options: { lock?: boolean } = {},
): Promise<AttachmentOwner | undefined> {
  const visible = ownerVisibility(actor, ownerType);
  if (!visible) return undefined;
  const lock = options.lock ? sql`FOR UPDATE` : sql``;
  switch (ownerType) {
    case 'inspection_record': {
      const result = await sql<{ status: InspectionStatus; is_on_team: boolean }>`
        SELECT i.status, ${isOnInspectionTeam(actor)} AS is_on_team
        FROM inspection_records r JOIN inspections i ON i.id = r.inspection_id
        WHERE r.id = ${ownerId} AND ${visible} ${lock}`.execute(db);
      const row = result.rows[0];
      return row && { ownerType, ownerId, status: row.status, isOnTeam: row.is_on_team };
    }
    case 'supervision_record': {
      const result = await sql<{ status: SupervisionStatus; is_on_team: boolean }>`
        SELECT s.status, ${isOnSupervisionTeam(actor)} AS is_on_team
        FROM supervision_records r JOIN supervisions s ON s.id = r.supervision_id
        WHERE r.id = ${ownerId} AND ${visible} ${lock}`.execute(db);
      const row = result.rows[0];
      return row && { ownerType, ownerId, status: row.status, isOnTeam: row.is_on_team };
    }
    case 'problem': {
      const result = await sql<{ status: ProblemStatus; responsible_unit_code: string | null; responsible_unit_id: number | null; is_notified: boolean }>`
        SELECT pr.status, pr.responsible_unit_code, pr.responsible_unit_id, (pr.notified_on IS NOT NULL) AS is_notified
        FROM problems pr
        WHERE pr.id = ${ownerId} AND ${visible} ${lock}`.execute(db);
      const row = result.rows[0];
      return (
        row && {
          ownerType,
          ownerId,
          status: row.status,
          responsibleUnitCode: row.responsible_unit_code,
          responsibleUnitId: row.responsible_unit_id,
          isNotified: row.is_notified,
        }
      );
    }
  }
}

export type AttachmentRow = {
  id: number;
  owner_type: AttachmentOwnerType;
  owner_id: number;
  file_name: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  uploaded_by: number;
  uploaded_by_name: string;
  created_at: Date;
};

function attachmentColumns(db: Executor) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('users as uploader', 'uploader.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.owner_type',
      'a.owner_id',
      'a.file_name',
      'a.content_type',
      'a.byte_size',
      'a.sha256',
      'a.uploaded_by',
      'uploader.display_name as uploaded_by_name',
      'a.created_at',
    ]);
}

/** The attachments of one owner, oldest first, without their bytes. */
export async function listAttachments(db: Executor, ownerType: AttachmentOwnerType, ownerId: number): Promise<AttachmentRow[]> {
  return attachmentColumns(db).where('a.owner_type', '=', ownerType).where('a.owner_id', '=', ownerId).orderBy('a.id').execute();
}

/** One attachment's metadata, whoever owns it; the caller checks the owner is visible. */
export async function findAttachment(db: Executor, id: number): Promise<AttachmentRow | undefined> {
  return attachmentColumns(db).where('a.id', '=', id).executeTakeFirst();
}

export async function readAttachmentContent(db: Executor, id: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('attachments').select('content').where('id', '=', id).executeTakeFirst();
  // PGlite gives bytea back as a Uint8Array, pg as a Buffer.
  return row && Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength);
}

export async function countAttachments(trx: Transaction<DB>, ownerType: AttachmentOwnerType, ownerId: number): Promise<number> {
  const row = await trx
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertAttachment(
  trx: Transaction<DB>,
  values: {
    ownerType: AttachmentOwnerType;
    ownerId: number;
    fileName: string;
    contentType: string;
    content: Buffer;
    sha256: string;
    uploadedBy: number;
    createdAt: Date;
  },
): Promise<number> {
  const inserted = await trx
    .insertInto('attachments')
    .values({
      owner_type: values.ownerType,
      owner_id: values.ownerId,
      file_name: values.fileName,
      content_type: values.contentType,
      byte_size: values.content.length,
      sha256: values.sha256,
      content: values.content,
      uploaded_by: values.uploadedBy,
      created_at: values.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Deletes one attachment; false when it was already gone (a concurrent delete won). */
export async function deleteAttachment(trx: Transaction<DB>, id: number): Promise<boolean> {
  const result = await trx.deleteFrom('attachments').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
