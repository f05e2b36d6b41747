import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { cleanFileName, recogniseFile } from './attachments.content.ts';

const bytes = (...values: number[]) => Buffer.from(values);
const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10);
const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const webp = Buffer.concat([Buffer.from('RIFF'), bytes(0x24, 0, 0, 0), Buffer.from('WEBPVP8 ')]);
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');
const zipWith = (part: string) => Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0), Buffer.from(part, 'latin1')]);
const ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0);

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('recogniseFile: the type comes from the bytes, and the name and declared type must agree', () => {
  it.each([
    ['照片.jpg', jpeg, 'image/jpeg', 'image/jpeg'],
    ['照片.JPEG', jpeg, 'application/octet-stream', 'image/jpeg'],
    ['照片.png', png, 'image/png', 'image/png'],
    ['照片.webp', webp, '', 'image/webp'],
    ['纪要.pdf', pdf, 'application/pdf; charset=binary', 'application/pdf'],
    ['签到表.docx', zipWith('word/document.xml'), 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['台账.xlsx', zipWith('xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['旧文档.doc', ole, 'application/msword', 'application/msword'],
    ['旧表格.xls', ole, 'application/octet-stream', 'application/vnd.ms-excel'],
  ])('accepts %s', (name, content, declared, stored) => {
    expect(recogniseFile(content, name, declared).contentType).toBe(stored);
  });

  it.each([
    ['a PDF named .png', '照片.png', pdf, '', 'VALIDATION_FAILED', '实际是PDF 文档'],
    ['HTML named .jpg', '照片.jpg', Buffer.from('<html>'), '', 'VALIDATION_FAILED', '无法识别文件内容'],
    ['a PNG declared as JPEG', '照片.png', png, 'image/jpeg', 'VALIDATION_FAILED', '声明的文件类型（image/jpeg）'],
    ['a DOCX named .xlsx', '表.xlsx', zipWith('word/document.xml'), '', 'VALIDATION_FAILED', '不是有效的Excel 表格'],
    ['a ZIP named .docx', '文.docx', zipWith('readme.txt'), '', 'VALIDATION_FAILED', '不是有效的Word 文档'],
    ['an OLE file named .pdf', '文.pdf', ole, '', 'VALIDATION_FAILED', '实际是Office 97-2003 文件'],
    ['an SVG', '图.svg', Buffer.from('<svg/>'), 'image/svg+xml', 'UNSUPPORTED_MEDIA_TYPE', '不支持扩展名为「.svg」'],
    ['no extension', '照片', png, '', 'UNSUPPORTED_MEDIA_TYPE', '不支持扩展名为「（无）」'],
    ['an empty file', '照片.png', Buffer.alloc(0), 'image/png', 'VALIDATION_FAILED', '文件为空'],
  ])('refuses %s', (_what, name, content, declared, code, text) => {
    const refused = refusal(() => recogniseFile(content, name, declared));
    expect(refused.code).toBe(code);
    expect(refused.message).toMatch(/^字段「(file|fileName)」无效：/);
    expect(refused.message).toContain(text);
  });
});

describe('cleanFileName', () => {
  it.each([
    ['整改照片.png', '整改照片.png'],
    ['/tmp/../../etc/passwd.png', 'passwd.png'],
    ['C:\\Users\\李四\\Desktop\\会议纪要.pdf', '会议纪要.pdf'],
    ['照片\u0000\u0007\u202egnp.exe', '照片gnp.exe'],
    ['  空格 .png  ', '空格 .png'],
  ])('%j → %j', (raw, cleaned) => {
    expect(cleanFileName(raw)).toBe(cleaned);
  });

  it('shortens a long name to 200 characters and keeps its extension', () => {
    const cleaned = cleanFileName(`${'长'.repeat(250)}.docx`);
    expect([...cleaned]).toHaveLength(200);
    expect(cleaned.endsWith('长.docx')).toBe(true);
  });

  it.each(['', '/', 'a/..', '\u0000'])('refuses a name that is nothing once cleaned: %j', (raw) => {
    expect(refusal(() => cleanFileName(raw)).message).toContain('字段「fileName」无效');
  });
});
