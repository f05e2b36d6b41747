import { AppError } from '../../kernel/errors.ts';

/**
 * What may be attached to a field record or to rectification evidence, in one place: the kinds of
 * file, how each is recognised from its first bytes, and the limits per file and per owner.
 */
export const attachmentLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxFilesPerOwner: 20,
  maxFileNameLength: 200,
} as const;

export type FileKind = 'jpeg' | 'png' | 'webp' | 'pdf' | 'docx' | 'xlsx' | 'doc' | 'xls';

type KindRule = {
  contentType: string;
  extensions: readonly string[];
  label: string;
  isImage: boolean;
};

export const fileKinds: Record<FileKind, KindRule> = {
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPG 图片', isImage: true },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG 图片', isImage: true },
  webp: { contentType: 'image/webp', extensions: ['webp'], label: 'WebP 图片', isImage: true },
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF 文档', isImage: false },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word 文档', isImage: false },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel 表格', isImage: false },
  doc: { contentType: 'application/msword', extensions: ['doc'], label: 'Word 文档（97-2003）', isImage: false },
  xls: { contentType: 'application/vnd.ms-excel', extensions: ['xls'], label: 'Excel 表格（97-2003）', isImage: false },
};

/** The rule every refusal repeats, so the user learns what is accepted. */
export const supportedTypesText = '仅支持 JPG、PNG、WebP 图片和 PDF、Word、Excel 文档';

/** Content types an upload may declare: each kind's own, or none in particular (the bytes decide). */
export const acceptedUploadContentTypes: readonly string[] = [...Object.values(fileKinds).map((kind) => kind.contentType), 'application/octet-stream'];

export function isImageContentType(contentType: string): boolean {
  return Object.values(fileKinds).some((kind) => kind.isImage && kind.contentType === contentType);
}

function fileError(code: 'VALIDATION_FAILED' | 'UNSUPPORTED_MEDIA_TYPE' | 'BODY_TOO_LARGE' | 'RULE_VIOLATION', field: string, problem: string): AppError {
  return new AppError(code, `字段「${field}」无效：${problem}`, { fields: [{ field, message: problem }] });
}

/** The refusal for a content type outside the list (415), naming the field and what is accepted. */
export function unsupportedContentType(declared: string): AppError {
  return fileError('UNSUPPORTED_MEDIA_TYPE', 'file', `不支持的文件类型（${declared || '未声明'}），${supportedTypesText}`);
}

/** The refusal for a file over the size limit (413). */
export function fileTooLarge(byteSize?: number): AppError {
  const actual = byteSize === undefined ? '' : `（${(byteSize / 1024 / 1024).toFixed(1)} MB）`;
  return fileError('BODY_TOO_LARGE', 'file', `文件过大${actual}，每个附件不能超过 ${attachmentLimits.maxBytes / 1024 / 1024} MB`);
}

/** The refusal for one file too many on an owner. */
export function tooManyFiles(existing: number): AppError {
  return fileError('RULE_VIOLATION', 'file', `每条记录最多上传 ${attachmentLimits.maxFilesPerOwner} 个附件，已有 ${existing} 个，请先删除不需要的附件`);
}

// Bidirectional overrides and isolates can make "photo‮gnp.exe" display as "photoexe.png".
// eslint-disable-next-line no-control-regex
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name kept for a file: without any directory part or control characters, trimmed, at most
 * 200 characters (the base name is shortened, the extension kept). Chinese names stay as they are.
 */
export function cleanFileName(raw: string): string {
  const withoutPath = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = withoutPath.replace(unsafeCharacters, '').trim().normalize('NFC');
  if (cleaned === '' || cleaned === '.' || cleaned === '..') {
    throw fileError('VALIDATION_FAILED', 'fileName', '文件名为空，请提供带扩展名的文件名');
  }
  const characters = [...cleaned];
  if (characters.length <= attachmentLimits.maxFileNameLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  const keptExtension = extension.length <= 16 ? extension : [];
  const base = characters.slice(0, attachmentLimits.maxFileNameLength - keptExtension.length);
  return [...base, ...keptExtension].join('').trim();
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Buffer, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
}

const zipSignature = [0x50, 0x4b, 0x03, 0x04];
const oleSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The family the bytes belong to, from their signature; OOXML and OLE files need the extension to tell Word from Excel. */
function detectFamily(bytes: Buffer): 'jpeg' | 'png' | 'webp' | 'pdf' | 'zip' | 'ole' | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, zipSignature)) return 'zip';
  if (startsWith(bytes, oleSignature)) return 'ole';
  return null;
}

const familyLabels = { jpeg: 'JPG 图片', png: 'PNG 图片', webp: 'WebP 图片', pdf: 'PDF 文档', zip: 'ZIP 压缩包', ole: 'Office 97-2003 文件' } as const;

// The part names are stored uncompressed in a ZIP's headers, so a plain byte search finds them.
const ooxmlMainPart: Partial<Record<FileKind, string>> = { docx: 'word/document.xml', xlsx: 'xl/workbook.xml' };

/**
 * The kind of an uploaded file, decided by its bytes and its name together: the signature must be
 * one we accept, the extension must name the same kind, and a declared content type (other than
 * application/octet-stream) must agree too. Anything else is refused with the field named.
 */
export function recogniseFile(bytes: Buffer, fileName: string, declaredContentType: string): { kind: FileKind; contentType: string; isImage: boolean } {
  if (bytes.length === 0) throw fileError('VALIDATION_FAILED', 'file', '文件为空（0 字节），请重新选择文件');
  const extension = extensionOf(fileName);
  const kindByExtension = (Object.keys(fileKinds) as FileKind[]).find((kind) => fileKinds[kind].extensions.includes(extension));
  if (!kindByExtension) {
    throw fileError('UNSUPPORTED_MEDIA_TYPE', 'fileName', `不支持扩展名为「${extension ? `.${extension}` : '（无）'}」的文件，${supportedTypesText}`);
  }
  const expected = fileKinds[kindByExtension];
  const family = detectFamily(bytes);
  const familyOfKind: Record<FileKind, ReturnType<typeof detectFamily>> = {
    jpeg: 'jpeg',
    png: 'png',
    webp: 'webp',
    pdf: 'pdf',
    docx: 'zip',
    xlsx: 'zip',
    doc: 'ole',
    xls: 'ole',
  };
  if (family !== familyOfKind[kindByExtension]) {
    const actual = family ? `实际是${familyLabels[family]}` : '无法识别文件内容';
    throw fileError('VALIDATION_FAILED', 'file', `文件内容与扩展名不符：扩展名为 .${extension}（${expected.label}），${actual}；${supportedTypesText}`);
  }
  const mainPart = ooxmlMainPart[kindByExtension];
  if (mainPart && !bytes.includes(mainPart, 0, 'latin1')) {
    throw fileError('VALIDATION_FAILED', 'file', `文件内容与扩展名不符：扩展名为 .${extension}，但文件不是有效的${expected.label}；${supportedTypesText}`);
  }
  const declared = declaredContentType.split(';')[0]!.trim().toLowerCase();
  if (declared !== '' && declared !== 'application/octet-stream' && declared !== expected.contentType) {
    throw fileError('VALIDATION_FAILED', 'file', `声明的文件类型（${declared}）与文件内容（${expected.label}）不符；${supportedTypesText}`);
  }
  return { kind: kindByExtension, contentType: expected.contentType, isImage: expected.isImage };
}
