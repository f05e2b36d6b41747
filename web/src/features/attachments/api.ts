import { useQuery } from '@tanstack/react-query';
import { apiRequest, uploadFile } from '../../app/api';

export type AttachmentOwnerType = 'inspection_record' | 'supervision_record' | 'problem';

export interface Attachment {
  id: number;
  ownerType: AttachmentOwnerType;
  ownerId: number;
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  isImage: boolean;
  uploadedById: number;
  uploaderName: string;
  createdAt: string;
  contentUrl: string;
  canDelete: boolean;
}

export interface AttachmentList {
  items: Attachment[];
  canUpload: boolean;
  limits: { maxBytes: number; maxFiles: number };
}

/** What the server accepts (attachments.content.ts): checked in the browser first, so a wrong file fails at once. */
export const attachmentRules = {
  maxBytes: 10 * 1024 * 1024,
  extensions: ['jpg', 'jpeg', 'png', 'webp', 'pdf', 'docx', 'xlsx', 'doc', 'xls'],
  accept: '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,.doc,.xls,image/jpeg,image/png,image/webp,application/pdf',
  contentTypes: [
    'image/jpeg',
    'image/png',
    'image/webp',
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/msword',
    'application/vnd.ms-excel',
  ],
} as const;

export type FileProblem = 'type' | 'size' | 'empty';

/** Why the file would be refused, or null: the extension must be one we accept and the size within the limit. */
export function fileProblem(file: { name: string; size: number }, maxBytes: number = attachmentRules.maxBytes): FileProblem | null {
  const dot = file.name.lastIndexOf('.');
  const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
  if (!(attachmentRules.extensions as readonly string[]).includes(extension)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'size';
  return null;
}

export const attachmentKeys = {
  all: ['attachments'] as const,
  list: (ownerType: AttachmentOwnerType, ownerId: number) => ['attachments', ownerType, ownerId] as const,
};

/** The attachments of one field record or problem, with whether the user may add more. */
export function useAttachments(ownerType: AttachmentOwnerType, ownerId: number) {
  return useQuery({
    queryKey: attachmentKeys.list(ownerType, ownerId),
    queryFn: ({ signal }) => apiRequest<AttachmentList>('/api/attachments', { query: { ownerType, ownerId }, signal }),
  });
}

/** Deletes one of the user's own attachments. */
export function deleteAttachment(id: number): Promise<void> {
  return apiRequest<void>(`/api/attachments/${id}`, { method: 'DELETE' });
}

export interface UploadOptions {
  ownerType: AttachmentOwnerType;
  ownerId: number;
  file: File;
  onProgress: (percent: number) => void;
  signal?: AbortSignal;
}

/** Uploads one file as the raw request body, with progress, and resolves with the stored attachment. */
export async function uploadAttachment(options: UploadOptions): Promise<Attachment> {
  // The server decides the type from the bytes; a type the browser guessed oddly is not worth a refusal.
  const declared = (attachmentRules.contentTypes as readonly string[]).includes(options.file.type) ? options.file.type : 'application/octet-stream';
  const reply = await uploadFile<{ attachment: Attachment }>('/api/attachments', {
    file: options.file,
    contentType: declared,
    query: { ownerType: options.ownerType, ownerId: options.ownerId, fileName: options.file.name },
    onProgress: (loaded, total) => options.onProgress(Math.round((loaded / total) * 100)),
    signal: options.signal,
  });
  return reply.attachment;
}
