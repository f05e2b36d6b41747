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

// PostgreSQL errors that mean "the input broke a rule" rather than "the server is broken".
const postgresClientErrors: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'CONFLICT', message: '数据重复：已存在相同的记录' },
  '23503': { status: 409, code: 'CONFLICT', message: '数据引用了不存在的记录，或仍被其他记录引用' },
  '23514': { status: 400, code: 'VALIDATION_FAILED', message: '数据不符合约束条件' },
  '22P02': { status: 400, code: 'VALIDATION_FAILED', message: '数据格式错误' },
  '22001': { status: 400, code: 'VALIDATION_FAILED', message: '数据过长' },
  '22003': { status: 400, code: 'VALIDATION_FAILED', message: '数值超出范围' },
  '22007': { status: 400, code: 'VALIDATION_FAILED', message: '日期时间格式错误' },
  '22008': { status: 400, code: 'VALIDATION_FAILED', message: '日期时间超出范围' },
};

/** One reply shape for every failure: { error: { code, message, details } }, a Chinese message, never a stack. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return sendError(reply, error.status, error.code, error.message, error.details);

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
    if (typeof postgresCode === 'string' && postgresCode in postgresClientErrors) {
      const known = postgresClientErrors[postgresCode]!;
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
