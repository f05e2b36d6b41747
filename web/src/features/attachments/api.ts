import { useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../app/api';
import { sessionQueryKey, type Session } from '../auth/api';

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

function csrfToken(queryClient: QueryClient): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'dukao_csrf') return decodeURIComponent(rest.join('='));
  }
  return queryClient.getQueryData<Session | null>(sessionQueryKey)?.csrfToken ?? null;
}

function uploadError(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (body.error && typeof body.error.message === 'string' && body.error.message) {
      return new ApiError(xhr.status, typeof body.error.code === 'string' ? body.error.code : 'UNKNOWN', body.error.message, body.error.details ?? null);
    }
  } catch {
    // Not JSON: fall through to a generic message.
  }
  if (xhr.status >= 500) return new ApiError(xhr.status, 'SERVER_UNAVAILABLE', '服务器暂时不可用，请稍后再试');
  return new ApiError(xhr.status, 'BAD_RESPONSE', '服务器返回了无法识别的数据，请稍后再试');
}

export interface UploadOptions {
  ownerType: AttachmentOwnerType;
  ownerId: number;
  file: File;
  onProgress: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends the file as the raw request body with the session's CSRF header (XMLHttpRequest, because
 * fetch cannot report upload progress) and resolves with the stored attachment.
 */
export function uploadAttachment(queryClient: QueryClient, options: UploadOptions): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ ownerType: options.ownerType, ownerId: String(options.ownerId), fileName: options.file.name });
    xhr.open('POST', `/api/attachments?${query.toString()}`);
    xhr.withCredentials = true;
    // The server decides the type from the bytes; a type the browser guessed oddly is not worth a refusal.
    const declared = (attachmentRules.contentTypes as readonly string[]).includes(options.file.type) ? options.file.type : 'application/octet-stream';
    xhr.setRequestHeader('Content-Type', declared);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken(queryClient);
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((JSON.parse(xhr.responseText) as { attachment: Attachment }).attachment);
        } catch {
          reject(new ApiError(xhr.status, 'BAD_RESPONSE', '服务器返回了无法识别的数据，请稍后再试'));
        }
        return;
      }
      reject(uploadError(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请稍后再试'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(options.file);
  });
}
