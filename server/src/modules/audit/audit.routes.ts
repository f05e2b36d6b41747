import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { auditEventsQuery } from './audit.schema.ts';
import * as service from './audit.service.ts';

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['审计 audit'];
  routes.get('/api/audit/verify', { schema: { tags, summary: '校验审计哈希链（R-X1），指出第一个被篡改或删除的事件' } }, async (request) =>
    service.verifyChain(ctx, actorOf(request)),
  );
  routes.get('/api/audit/vocabulary', { schema: { tags, summary: '审计日志的操作和记录类型（中文名称）' } }, async (request) => service.vocabulary(actorOf(request)));
  routes.get('/api/audit/events', { schema: { tags, summary: '审计事件（最新在前）', querystring: auditEventsQuery } }, async (request) => ({
    items: await service.listEvents(ctx, actorOf(request), request.query),
  }));
}
