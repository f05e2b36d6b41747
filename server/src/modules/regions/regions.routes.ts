import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { assessmentUnitsQuery, regionCodeParams, regionSearchQuery } from './regions.schema.ts';
import * as service from './regions.service.ts';

export function registerRegionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['行政区划 regions'];

  routes.get('/api/regions', { schema: { tags, summary: '可见的城市（区划树的根）' } }, async (request) => ({
    items: await service.listRootRegions(ctx, actorOf(request)),
  }));

  routes.get('/api/regions/search', { schema: { tags, summary: '按名称或代码搜索区划', querystring: regionSearchQuery } }, async (request) => ({
    items: await service.searchRegions(ctx, actorOf(request), request.query),
  }));

  routes.get('/api/regions/:code', { schema: { tags, summary: '区划及其上级、下级（超出权限范围返回 404）', params: regionCodeParams } }, async (request) =>
    service.getRegion(ctx, actorOf(request), request.params.code),
  );

  routes.get(
    '/api/assessment-units',
    { schema: { tags: ['考核单位 assessment units'], summary: '某年度的 7 个考核单位及其所辖镇街（R-O2）', querystring: assessmentUnitsQuery } },
    async (request) => service.listAssessmentUnits(ctx, actorOf(request), request.query.year),
  );
}
