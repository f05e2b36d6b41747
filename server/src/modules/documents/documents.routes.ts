import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import * as service from './documents.service.ts';

const inspectionParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });
const registerQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  registerCode: z.string().trim().min(1).max(20).optional(),
});
const ledgerQuery = z.object({
  unitCode: z.string().max(10).optional(),
  status: z.enum(['open', 'in_progress', 'reported', 'verified', 'returned', 'extension_requested', 'extension_granted', 'transferred']).optional(),
  overdue: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  inspectionId: z.coerce.number().int().positive().optional(),
});

/** Sends a file; a kept document with its SHA-256 as the ETag and its 文号, a draft marked as one. */
function sendFile(reply: FastifyReply, file: service.GeneratedFile) {
  if (file.sha256) reply.header('etag', `"${file.sha256}"`).header('x-document-status', 'issued');
  if (file.documentNumber) reply.header('x-document-number', encodeURIComponent(file.documentNumber));
  if (file.isDraft) reply.header('x-document-status', 'draft');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.body);
}

export function registerDocumentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['公文 documents'];
  routes.get('/api/documents/inspections/:id/report.docx', { schema: { tags, summary: '巡查报告（DOCX，公文格式）', params: inspectionParams } }, async (request, reply) =>
    sendFile(reply, await service.inspectionReportDocument(ctx, actorOf(request), request.params.id)),
  );
  routes.get(
    '/api/documents/inspections/:id/rectification-notice.docx',
    { schema: { tags, summary: '整改通知书（DOCX，公文格式，督18；反馈时发文编号并留存，反馈前为草稿）', params: inspectionParams } },
    async (request, reply) => sendFile(reply, await service.rectificationNoticeDocument(ctx, actorOf(request), request.params.id)),
  );
  routes.get('/api/documents/transfers/:id/referral-letter.docx', { schema: { tags, summary: '移交函（DOCX，公文格式，督17）', params: inspectionParams } }, async (request, reply) =>
    sendFile(reply, await service.referralLetterDocument(ctx, actorOf(request), request.params.id)),
  );
  routes.get(
    '/api/documents/supervision-summaries/:id/summary.docx',
    { schema: { tags, summary: '督查工作总结（DOCX，公文格式，附通报表扬和先进典型名单，督11）', params: inspectionParams } },
    async (request, reply) => sendFile(reply, await service.supervisionSummaryDocument(ctx, actorOf(request), request.params.id)),
  );
  routes.get('/api/documents/supervisions/:id/report.docx', { schema: { tags, summary: '督查报告（DOCX，公文格式，督10(3)）', params: inspectionParams } }, async (request, reply) =>
    sendFile(reply, await service.supervisionReportDocument(ctx, actorOf(request), request.params.id)),
  );
  routes.get(
    '/api/documents/supervisions/:id/result-notice.docx',
    { schema: { tags, summary: '督查结果通报（DOCX，公文格式，督12；通报时发文编号并留存）', params: inspectionParams } },
    async (request, reply) => sendFile(reply, await service.supervisionResultNoticeDocument(ctx, actorOf(request), request.params.id)),
  );
  routes.get('/api/documents/register', { schema: { tags, summary: '发文登记簿：某年已发文件的文号、标题、SHA-256（市扶贫办）', querystring: registerQuery } }, async (request) =>
    service.listDocumentRegister(ctx, actorOf(request), request.query),
  );
  routes.get('/api/documents/rectifications/ledger.xlsx', { schema: { tags, summary: '整改台账（XLSX）', querystring: ledgerQuery } }, async (request, reply) =>
    sendFile(reply, await service.ledgerWorkbook(ctx, actorOf(request), request.query)),
  );
}
