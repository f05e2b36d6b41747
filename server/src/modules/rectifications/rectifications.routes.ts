import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { emptyBody } from '../../kernel/http.ts';
import {
  problemIdParams,
  rectificationListQuery,
  refuseExtensionBody,
  requestExtensionBody,
  returnBody,
  submitRectificationBody,
  verifyBody,
} from './rectifications.schema.ts';
import { escalateOverdueProblemsNow, listProblemsReportedToCity } from './rectifications.escalation.ts';
import * as service from './rectifications.service.ts';

export function registerRectificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['整改台账 rectifications'];
  const params = problemIdParams;

  routes.get('/api/rectifications', { schema: { tags, summary: '问题整改台账（按县区、状态、是否逾期筛选）', querystring: rectificationListQuery } }, async (request) =>
    service.listRectifications(ctx, actorOf(request), request.query),
  );

  routes.get('/api/rectifications/summary', { schema: { tags, summary: '各县（区）问题整改汇总：未整改、逾期、待核验、已核验' } }, async (request) =>
    service.summariseRectifications(ctx, actorOf(request)),
  );

  routes.post('/api/problems/escalate', { schema: { tags, summary: '立即检查逾期：逾期未整改的问题升为逾期督办，逾期满一个月的报市委市政府（督18）', body: emptyBody } }, async (request) =>
    escalateOverdueProblemsNow(ctx, actorOf(request)),
  );

  routes.get('/api/problems/escalated', { schema: { tags, summary: '已报市委市政府且尚未整改到位的逾期问题（督18）' } }, async (request) =>
    listProblemsReportedToCity(ctx, actorOf(request)),
  );

  routes.get('/api/rectifications/:id', { schema: { tags, summary: '问题详情、整改期限倒计时及可执行操作', params } }, async (request) => ({
    problem: await service.getRectification(ctx, actorOf(request), request.params.id),
  }));

  routes.post('/api/rectifications/:id/start', { schema: { tags, summary: '责任单位开始整改', params, body: emptyBody } }, async (request) => ({
    problem: await service.actOnRectification(ctx, actorOf(request), request.params.id, { action: 'start' }),
  }));

  routes.post('/api/rectifications/:id/submit', { schema: { tags, summary: '责任单位报送整改措施和佐证材料', params, body: submitRectificationBody } }, async (request) => ({
    problem: await service.actOnRectification(ctx, actorOf(request), request.params.id, { action: 'submit', ...request.body }),
  }));

  routes.post('/api/rectifications/:id/verify', { schema: { tags, summary: '市扶贫办核验整改到位', params, body: verifyBody.nullish() } }, async (request) => ({
    problem: await service.actOnRectification(ctx, actorOf(request), request.params.id, { action: 'verify', note: request.body?.note }),
  }));

  routes.post('/api/rectifications/:id/return', { schema: { tags, summary: '市扶贫办退回重新整改（须填写理由）', params, body: returnBody } }, async (request) => ({
    problem: await service.actOnRectification(ctx, actorOf(request), request.params.id, { action: 'return', reason: request.body.reason }),
  }));

  routes.post('/api/rectifications/:id/request-extension', { schema: { tags, summary: '责任单位申请延期', params, body: requestExtensionBody } }, async (request) => ({
    problem: await service.actOnRectification(ctx, actorOf(request), request.params.id, { action: 'requestExtension', ...request.body }),
  }));

  routes.post('/api/rectifications/:id/grant-extension', { schema: { tags, summary: '市扶贫办批准延期（期限改为申请的日期）', params, body: emptyBody } }, async (request) => ({
    problem: await service.actOnRectification(ctx, actorOf(request), request.params.id, { action: 'grantExtension' }),
  }));

  routes.post('/api/rectifications/:id/refuse-extension', { schema: { tags, summary: '市扶贫办不予延期（须填写理由）', params, body: refuseExtensionBody } }, async (request) => ({
    problem: await service.actOnRectification(ctx, actorOf(request), request.params.id, { action: 'refuseExtension', reason: request.body.reason }),
  }));
}
