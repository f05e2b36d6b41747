import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { createRateLimiter } from '../../kernel/rate-limit.ts';
import { decideDisclosureBody, problemIdParams, publicRectificationsQuery } from './disclosures.schema.ts';
import * as service from './disclosures.service.ts';

export function registerDisclosureRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['整改结果公开 disclosures'];
  const limiter = createRateLimiter(ctx.config.publicRatePerMinute * 3, '查询公开信息');

  routes.get('/api/disclosures', { schema: { tags, summary: '整改结果公开决定（市扶贫办）' } }, async (request) => service.listDisclosures(ctx, actorOf(request)));

  routes.get('/api/rectifications/:id/disclosure', { schema: { tags, summary: '某一问题的公开决定', params: problemIdParams } }, async (request) => ({
    disclosure: await service.getDisclosure(ctx, actorOf(request), request.params.id),
  }));

  routes.post(
    '/api/rectifications/:id/decide-disclosure',
    { schema: { tags, summary: '对核验整改到位的问题作出公开或不公开的决定（须填写理由）', params: problemIdParams, body: decideDisclosureBody } },
    async (request) => ({ disclosure: await service.decideDisclosure(ctx, actorOf(request), request.params.id, request.body) }),
  );

  routes.get(
    '/api/public/rectifications',
    { config: { isPublic: true }, schema: { tags: ['公开 public'], summary: '公开的整改结果（个人信息已脱敏）', querystring: publicRectificationsQuery, security: [] } },
    async (request) => {
      limiter.assertAllowed(request.ip, ctx.clock.now());
      return service.listPublishedRectifications(ctx, request.query.unitCode);
    },
  );
}
