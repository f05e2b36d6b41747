import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { emptyBody } from '../../kernel/http.ts';
import {
  approveBody,
  commendationListQuery,
  createSummaryBody,
  draftQuery,
  idParams,
  proposeCommendationBody,
  rejectBody,
  summaryListQuery,
  updateSummaryBody,
} from './summaries.schema.ts';
import * as service from './summaries.service.ts';

export function registerSummaryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['督查总结与表扬 summaries'];
  const params = idParams;

  routes.get('/api/commendations', { schema: { tags, summary: '通报表扬与先进典型（第十一条）', querystring: commendationListQuery } }, async (request) => ({
    items: await service.listCommendations(ctx, actorOf(request), request.query),
  }));

  routes.post('/api/commendations', { schema: { tags, summary: '提出通报表扬或先进典型（市扶贫办，第十一条）', body: proposeCommendationBody } }, async (request, reply) =>
    reply.status(201).send({ commendation: await service.proposeCommendation(ctx, actorOf(request), request.body) }),
  );

  routes.get('/api/commendations/:id', { schema: { tags, summary: '通报表扬/先进典型详情', params } }, async (request) => ({
    commendation: await service.getCommendation(ctx, actorOf(request), request.params.id),
  }));

  routes.post('/api/commendations/:id/approve', { schema: { tags, summary: '市扶贫办主任审定通过', params, body: approveBody } }, async (request) => ({
    commendation: await service.decideCommendation(ctx, actorOf(request), request.params.id, 'approve', request.body?.note),
  }));

  routes.post('/api/commendations/:id/reject', { schema: { tags, summary: '市扶贫办主任不予采纳（须说明理由）', params, body: rejectBody } }, async (request) => ({
    commendation: await service.decideCommendation(ctx, actorOf(request), request.params.id, 'reject', request.body.note),
  }));

  routes.get('/api/supervision-summaries/draft', { schema: { tags, summary: '按数据生成年度督查工作总结草稿（第十一条）', querystring: draftQuery } }, async (request) =>
    service.generateSummaryDraft(ctx, actorOf(request), request.query.year),
  );

  routes.get('/api/supervision-summaries/figures', { schema: { tags, summary: '年度督查工作统计（按第九条督查内容的问题数等）', querystring: draftQuery } }, async (request) => ({
    figures: await service.getSummaryFigures(ctx, actorOf(request), request.query.year),
  }));

  routes.get('/api/supervision-summaries', { schema: { tags, summary: '督查工作总结列表', querystring: summaryListQuery } }, async (request) => ({
    items: await service.listSummaries(ctx, actorOf(request), request.query),
  }));

  routes.post('/api/supervision-summaries', { schema: { tags, summary: '撰写督查工作总结（市扶贫办）', body: createSummaryBody } }, async (request, reply) =>
    reply.status(201).send({ summary: await service.createSummary(ctx, actorOf(request), request.body) }),
  );

  routes.get('/api/supervision-summaries/:id', { schema: { tags, summary: '督查工作总结详情', params } }, async (request) => ({
    summary: await service.getSummary(ctx, actorOf(request), request.params.id),
  }));

  routes.patch('/api/supervision-summaries/:id', { schema: { tags, summary: '修改督查工作总结（仅草稿）', params, body: updateSummaryBody } }, async (request) => ({
    summary: await service.updateSummary(ctx, actorOf(request), request.params.id, request.body),
  }));

  routes.post('/api/supervision-summaries/:id/submit', { schema: { tags, summary: '市扶贫办主任报送市委、市政府（第十一条）', params, body: emptyBody } }, async (request) => ({
    summary: await service.submitSummary(ctx, actorOf(request), request.params.id),
  }));
}
