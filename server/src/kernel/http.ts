import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * The body of an action that takes no input (批准, 办结…): an empty JSON object, or no body at all —
 * which Fastify hands to validation as null.
 */
export const emptyBody = z.object({}).strict().nullish();

const requestPartLabels: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

type FieldProblem = { field: string; message: string };

function sendError(reply: FastifyReply, status: number, code: string, message: string, details: unknown = null) {
  return reply.status(status).send({ error: { code, message, details } });
}

// PostgreSQL errors that mean "the input broke a rule" rather than "the server is broken": integrity violations,
// every data exception (class 22) and values too large for an index (54000).
const postgresClientErrors: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'CONFLICT', message: '数据重复：已存在相同的记录' },
  '23503': { status: 409, code: 'CONFLICT', message: '数据引用了不存在的记录，或仍被其他记录引用' },
  '23514': { status: 400, code: 'VALIDATION_FAILED', message: '数据不符合约束条件' },
  '23502': { status: 400, code: 'VALIDATION_FAILED', message: '缺少必填的数据' },
  '22P02': { status: 400, code: 'VALIDATION_FAILED', message: '数据格式错误' },
  '22001': { status: 400, code: 'VALIDATION_FAILED', message: '数据过长' },
  '22003': { status: 400, code: 'VALIDATION_FAILED', message: '数值超出范围' },
  '22007': { status: 400, code: 'VALIDATION_FAILED', message: '日期时间格式错误' },
  '22008': { status: 400, code: 'VALIDATION_FAILED', message: '日期时间超出范围' },
  '22021': { status: 400, code: 'VALIDATION_FAILED', message: '数据含有无法保存的字符' },
  '22P05': { status: 400, code: 'VALIDATION_FAILED', message: '数据含有无法保存的字符' },
  '54000': { status: 400, code: 'VALIDATION_FAILED', message: '数据过长，超出数据库允许的大小' },
};

function postgresClientError(code: string) {
  return postgresClientErrors[code] ?? (code.startsWith('22') ? { status: 400, code: 'VALIDATION_FAILED', message: '数据不符合格式要求' } : undefined);
}

// PostgreSQL cannot store NUL in text or jsonb; an unpaired surrogate would be silently replaced on the way in.
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** The first string inside a parsed request part that holds a character PostgreSQL refuses or would change, with its path. */
function findUnstorableString(value: unknown, path: string): { field: string; message: string } | null {
  if (typeof value === 'string') {
    const match = UNSTORABLE.exec(value);
    if (!match) return null;
    return { field: path || '(整体)', message: match[0] === '\u0000' ? '含有空字符（U+0000），无法保存' : '含有不成对的代理字符（无效的 Unicode），无法保存' };
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableString(item, path ? `${path}.${index}` : String(index));
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && typeof (value as { pipe?: unknown }).pipe !== 'function') {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnstorableString(key, path ? `${path}.${key}` : key) ?? findUnstorableString(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Strings are checked before anything reads them: a NUL or an unpaired surrogate anywhere in the path
 * parameters, query or JSON body is refused with 400 naming the field — never passed on to PostgreSQL.
 */
export function registerInputCharacterCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of ['params', 'querystring', 'body'] as const) {
      const value = part === 'params' ? request.params : part === 'querystring' ? request.query : request.body;
      const found = findUnstorableString(value, '');
      if (found) {
        throw new AppError('VALIDATION_FAILED', `${requestPartLabels[part]}校验失败：字段「${found.field}」${found.message}`, { part, fields: [found] });
      }
    }
  });
}

const clientErrorReplies: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', code: 'HEADERS_TOO_LARGE', message: '请求头过大（例如 Cookie 或网址过长），请清除本站 Cookie 后重试' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', code: 'REQUEST_TIMEOUT', message: '请求超时，请重试' },
};

/** What the router refuses before any route runs — a malformed percent-encoding, an over-long path parameter — in the one shape. */
export function replyToFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, 414, 'URI_TOO_LONG', '网址中的参数过长');
  if (error.code === 'FST_ERR_BAD_URL') return sendError(reply, 400, 'BAD_REQUEST', '网址中含有无效的编码（%xx）');
  return sendError(reply, 400, 'BAD_REQUEST', '请求无效');
}

/**
 * What the HTTP parser refuses before Fastify sees a request (a 431 for oversized headers, a malformed request
 * line) still gets the one error shape.
 */
export function replyToClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = clientErrorReplies[error.code ?? ''] ?? { status: 400, reason: 'Bad Request', code: 'BAD_REQUEST', message: '请求格式无效' };
  const body = JSON.stringify({ error: { code: known.code, message: known.message, details: null } });
  socket.end(
    `HTTP/1.1 ${known.status} ${known.reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** One reply shape for every failure: { error: { code, message, details } }, a Chinese message, never a stack. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      const retryAfter = (error.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendError(reply, error.status, error.code, error.message, error.details);
    }

    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = requestPartLabels[error.validationContext ?? 'body'] ?? '请求';
      const fields: FieldProblem[] = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const unexpected = issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: string[] }).keys?.join('、') : undefined;
        return { field: unexpected ?? (path || '(整体)'), message: issue.message ?? '无效' };
      });
      const summary = fields.map((problem) => `字段「${problem.field}」${problem.message}`).join('；');
      return sendError(reply, 400, 'VALIDATION_FAILED', `${part}校验失败：${summary}`, { part: error.validationContext, fields });
    }

    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, 400, 'BAD_JSON', '请求体不是有效的 JSON（或为空），请检查格式');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, 413, 'BODY_TOO_LARGE', '请求体过大，超过服务器允许的上限');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', `不支持的内容类型：${request.headers['content-type'] ?? '（未提供）'}，请使用 application/json`);
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(reply, 400, 'BAD_REQUEST', '请求头 Content-Length 与请求体长度不符');
    }
    if (error instanceof SyntaxError) return sendError(reply, 400, 'BAD_JSON', '请求体不是有效的 JSON，请检查格式');

    const postgresCode = (error as { code?: unknown }).code;
    const known = typeof postgresCode === 'string' && /^[0-9A-Z]{5}$/.test(postgresCode) ? postgresClientError(postgresCode) : undefined;
    if (known) {
      request.log.warn({ err: error }, 'database rejected input');
      return sendError(reply, known.status, known.code, known.message, { constraint: (error as { constraint?: string }).constraint ?? null });
    }

    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, status, 'BAD_REQUEST', `请求无效：${error.message}`);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 500, 'INTERNAL', `服务器内部错误，请稍后重试或联系管理员（请求编号 ${request.id}）`);
  });
}
