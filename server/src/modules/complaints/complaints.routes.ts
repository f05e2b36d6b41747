import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { emptyBody } from '../../kernel/http.ts';
import { createRateLimiter } from '../../kernel/rate-limit.ts';
import {
  acceptBody,
  answerBody,
  assignBody,
  complaintIdParams,
  complaintListQuery,
  countyPreviewBody,
  createProblemBody,
  linkBody,
  publicComplaintBody,
  publicRegionsQuery,
  rejectBody,
  reopenBody,
  staffComplaintBody,
  trackingCodeParams,
} from './complaints.schema.ts';
import * as service from './complaints.service.ts';

export function registerComplaintRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['群众举报 complaints'];
  const publicTags = ['公开 public'];
  const isPublic = { isPublic: true };
  // Filing is the expensive and abusable part; tracking shares a separate, equal budget.
  const filingLimiter = createRateLimiter(ctx.config.publicRatePerMinute, '提交举报');
  const trackingLimiter = createRateLimiter(ctx.config.publicRatePerMinute, '查询举报');
  const params = complaintIdParams;

  routes.post(
    '/api/public/complaints',
    { config: isPublic, schema: { tags: publicTags, summary: '群众举报（无需登录，可匿名），返回查询码', body: publicComplaintBody, security: [] } },
    async (request, reply) => {
      filingLimiter.assertAllowed(request.ip, ctx.clock.now());
      return reply.status(201).send(await service.fileComplaint(ctx, request.body));
    },
  );

  routes.get(
    '/api/public/complaints/:code',
    { config: isPublic, schema: { tags: publicTags, summary: '凭查询码查询举报办理情况', params: trackingCodeParams, security: [] } },
    async (request) => {
      trackingLimiter.assertAllowed(request.ip, ctx.clock.now());
      return { complaint: await service.trackComplaint(ctx, request.params.code) };
    },
  );

  routes.post(
    '/api/public/complaints/:code/confirm',
    { config: isPublic, schema: { tags: publicTags, summary: '举报人确认答复', params: trackingCodeParams, body: emptyBody, security: [] } },
    async (request) => {
      trackingLimiter.assertAllowed(request.ip, ctx.clock.now());
      return { complaint: await service.respondToAnswer(ctx, request.params.code, { action: 'confirm' }) };
    },
  );

  routes.post(
    '/api/public/complaints/:code/reopen',
    { config: isPublic, schema: { tags: publicTags, summary: '举报人对答复不满意，重新提出', params: trackingCodeParams, body: reopenBody, security: [] } },
    async (request) => {
      trackingLimiter.assertAllowed(request.ip, ctx.clock.now());
      return { complaint: await service.respondToAnswer(ctx, request.params.code, { action: 'reopen', reason: request.body.reason }) };
    },
  );

  routes.get(
    '/api/public/regions',
    { config: isPublic, schema: { tags: publicTags, summary: '惠州市行政区划（举报地点选择）', querystring: publicRegionsQuery, security: [] } },
    async (request) => service.listPublicRegions(ctx, request.query.parentCode),
  );

  routes.get('/api/complaints', { schema: { tags, summary: '群众举报（市扶贫办：全部；县区：交办本县区的，不含举报人信息）', querystring: complaintListQuery } }, async (request) =>
    service.listComplaints(ctx, actorOf(request), request.query),
  );

  routes.get('/api/complaints/export.csv', { schema: { tags, summary: '导出群众举报（CSV）', querystring: complaintListQuery } }, async (request, reply) => {
    const csv = await service.exportComplaintsCsv(ctx, actorOf(request), request.query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('群众举报.csv')}`)
      .send(csv);
  });

  routes.post('/api/complaints', { schema: { tags, summary: '登记电话、来信举报', body: staffComplaintBody } }, async (request, reply) =>
    reply.status(201).send({ complaint: await service.recordComplaint(ctx, actorOf(request), request.body) }),
  );

  routes.get('/api/complaints/:id', { schema: { tags, summary: '举报详情及可执行操作', params } }, async (request) => ({
    complaint: await service.getComplaint(ctx, actorOf(request), request.params.id),
  }));

  routes.post('/api/complaints/:id/accept', { schema: { tags, summary: '受理', params, body: acceptBody } }, async (request) => ({
    complaint: await service.actOnComplaint(ctx, actorOf(request), request.params.id, { action: 'accept', note: request.body?.note }),
  }));

  routes.post('/api/complaints/:id/reject', { schema: { tags, summary: '不予受理（须填写理由）', params, body: rejectBody } }, async (request) => ({
    complaint: await service.actOnComplaint(ctx, actorOf(request), request.params.id, { action: 'reject', reason: request.body.reason }),
  }));

  routes.post('/api/complaints/:id/assign', { schema: { tags, summary: '交办有关县（区）', params, body: assignBody } }, async (request) => ({
    complaint: await service.actOnComplaint(ctx, actorOf(request), request.params.id, { action: 'assign', unitCode: request.body.unitCode }),
  }));

  routes.post('/api/complaints/:id/answer', { schema: { tags, summary: '答复举报人', params, body: answerBody } }, async (request) => ({
    complaint: await service.actOnComplaint(ctx, actorOf(request), request.params.id, { action: 'answer', answer: request.body.answer }),
  }));

  routes.post('/api/complaints/:id/link', { schema: { tags, summary: '关联贫困户、村、问题或巡查', params, body: linkBody } }, async (request) => ({
    complaint: await service.linkComplaint(ctx, actorOf(request), request.params.id, request.body),
  }));

  routes.post(
    '/api/complaints/:id/county-preview',
    { schema: { tags, summary: '县（区）将看到的文字：是否含举报人身份信息（姓名、电话、联系方式），及脱敏后的文字', params, body: countyPreviewBody } },
    async (request) => service.previewForCounty(ctx, actorOf(request), request.params.id, request.body.text),
  );

  routes.post('/api/complaints/:id/create-problem', { schema: { tags, summary: '转入问题整改台账', params, body: createProblemBody } }, async (request, reply) =>
    reply.status(201).send(await service.createProblemFromComplaint(ctx, actorOf(request), request.params.id, request.body)),
  );
}
