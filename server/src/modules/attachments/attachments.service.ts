import { createHash } from 'node:crypto';
import type { AttachmentOwnerType } from '../../db/schema.supervisions.ts';
import type { Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import {
  acceptedUploadContentTypes,
  attachmentLimits,
  cleanFileName,
  isImageContentType,
  recogniseFile,
  tooManyFiles,
  unsupportedContentType,
} from './attachments.content.ts';
import { assertMayChangeAttachments, refusalToChangeAttachments, type AttachmentOwner } from './attachments.policy.ts';
import * as repo from './attachments.repo.ts';
import { attachmentOwnerLabels } from './attachments.schema.ts';

type OwnerRef = { ownerType: AttachmentOwnerType; ownerId: number };

const notFoundOwner = ({ ownerType, ownerId }: OwnerRef) => notFound(`编号为 ${ownerId} 的${attachmentOwnerLabels[ownerType]}`);
const notFoundAttachment = (id: number) => notFound(`编号为 ${id} 的附件`);

function toAttachmentView(actor: Actor, owner: AttachmentOwner, row: repo.AttachmentRow) {
  return {
    id: row.id,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    fileName: row.file_name,
    contentType: row.content_type,
    byteSize: row.byte_size,
    sha256: row.sha256,
    isImage: isImageContentType(row.content_type),
    uploadedById: row.uploaded_by,
    uploaderName: row.uploaded_by_name,
    createdAt: row.created_at,
    contentUrl: `/api/attachments/${row.id}/content`,
    canDelete: row.uploaded_by === actor.id && refusalToChangeAttachments(actor, owner, '') === null,
  };
}

function auditedMetadata(row: Pick<repo.AttachmentRow, 'owner_type' | 'owner_id' | 'file_name' | 'content_type' | 'byte_size' | 'sha256'>) {
  return {
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    fileName: row.file_name,
    contentType: row.content_type,
    byteSize: row.byte_size,
    sha256: row.sha256,
  };
}

async function requireVisibleOwner(ctx: AppContext, actor: Actor, ref: OwnerRef): Promise<AttachmentOwner> {
  const owner = await repo.findVisibleOwner(ctx.db, actor, ref.ownerType, ref.ownerId);
  if (!owner) throw notFoundOwner(ref);
  return owner;
}

/** An attachment and its owner, if the actor may read the owner; NOT_FOUND otherwise, exactly as for a missing one. */
async function requireVisibleAttachment(ctx: AppContext, actor: Actor, id: number): Promise<{ row: repo.AttachmentRow; owner: AttachmentOwner }> {
  const row = await repo.findAttachment(ctx.db, id);
  const owner = row && (await repo.findVisibleOwner(ctx.db, actor, row.owner_type, row.owner_id));
  if (!row || !owner) throw notFoundAttachment(id);
  return { row, owner };
}

/** The attachments of a record or problem the actor may read, with whether they may add more. */
export async function listAttachments(ctx: AppContext, actor: Actor, ref: OwnerRef) {
  const owner = await requireVisibleOwner(ctx, actor, ref);
  const rows = await repo.listAttachments(ctx.db, ref.ownerType, ref.ownerId);
  return {
    items: rows.map((row) => toAttachmentView(actor, owner, row)),
    canUpload: refusalToChangeAttachments(actor, owner, '') === null && rows.length < attachmentLimits.maxFilesPerOwner,
    limits: { maxBytes: attachmentLimits.maxBytes, maxFiles: attachmentLimits.maxFilesPerOwner },
  };
}

/**
 * Stores one file on a field record or a problem: who and when first (404, 403, 409), then the
 * file itself — its size while it arrives (413), its real type from its bytes (400/415) — and then,
 * under a lock on the owner, the state again and the number of files (422), the row and the
 * `attachment.upload` audit event in one transaction. A refused upload stores nothing.
 */
export async function uploadAttachment(
  ctx: AppContext,
  actor: Actor,
  input: OwnerRef & { fileName: string; declaredContentType: string },
  readContent: () => Promise<Buffer>,
) {
  const owner = await requireVisibleOwner(ctx, actor, input);
  assertMayChangeAttachments(actor, owner, '上传附件');
  const declared = input.declaredContentType.split(';')[0]!.trim().toLowerCase();
  if (declared !== '' && !acceptedUploadContentTypes.includes(declared)) throw unsupportedContentType(declared);
  const fileName = cleanFileName(input.fileName);
  const content = await readContent();
  const recognised = recogniseFile(content, fileName, declared);
  const sha256 = createHash('sha256').update(content).digest('hex');

  const id = await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.findVisibleOwner(trx, actor, input.ownerType, input.ownerId, { lock: true });
    if (!locked) throw notFoundOwner(input);
    assertMayChangeAttachments(actor, locked, '上传附件');
    const existing = await repo.countAttachments(trx, input.ownerType, input.ownerId);
    if (existing >= attachmentLimits.maxFilesPerOwner) throw tooManyFiles(existing);
    const inserted = await repo.insertAttachment(trx, {
      ownerType: input.ownerType,
      ownerId: input.ownerId,
      fileName,
      contentType: recognised.contentType,
      content,
      sha256,
      uploadedBy: actor.id,
      createdAt: ctx.clock.now(),
    });
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'attachment.upload',
      entityType: 'attachment',
      entityId: inserted,
      after: {
        ownerType: input.ownerType,
        ownerId: input.ownerId,
        fileName,
        contentType: recognised.contentType,
        byteSize: content.length,
        sha256,
      },
    });
    return inserted;
  });
  const row = await repo.findAttachment(ctx.db, id);
  if (!row) throw notFoundAttachment(id);
  return toAttachmentView(actor, owner, row);
}

/** The bytes of one attachment with what the response needs to serve them safely; NOT_FOUND when the owner is out of the actor's sight. */
export async function readAttachment(ctx: AppContext, actor: Actor, id: number) {
  const { row } = await requireVisibleAttachment(ctx, actor, id);
  const content = await repo.readAttachmentContent(ctx.db, id);
  if (!content) throw notFoundAttachment(id);
  return { fileName: row.file_name, contentType: row.content_type, sha256: row.sha256, isImage: isImageContentType(row.content_type), content };
}

/** The ETag of an attachment, for a conditional GET, after the same access check as reading it. */
export async function attachmentTag(ctx: AppContext, actor: Actor, id: number): Promise<string> {
  const { row } = await requireVisibleAttachment(ctx, actor, id);
  return row.sha256;
}

/**
 * Removes one's own attachment while the owner still takes attachments (the uploader only: a
 * county cannot withdraw what the team filed, nor the team what the county sent); the audit event
 * `attachment.delete` keeps the file's metadata and hash. Of two concurrent deletes one succeeds.
 */
export async function deleteAttachment(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const { row, owner } = await requireVisibleAttachment(ctx, actor, id);
  if (row.uploaded_by !== actor.id) throw new AppError('FORBIDDEN', '只能删除自己上传的附件');
  assertMayChangeAttachments(actor, owner, '删除附件');
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.findVisibleOwner(trx, actor, row.owner_type, row.owner_id, { lock: true });
    if (!locked) throw notFoundAttachment(id);
    assertMayChangeAttachments(actor, locked, '删除附件');
    if (!(await repo.deleteAttachment(trx, id))) throw notFoundAttachment(id);
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'attachment.delete',
      entityType: 'attachment',
      entityId: id,
      before: { ...auditedMetadata(row), uploadedBy: row.uploaded_by },
    });
  });
}
