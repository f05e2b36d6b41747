import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../kernel/context.ts';
import { unitIdParams, unitListQuery } from './units.schema.ts';
import * as service from './units.service.ts';

export function registerUnitRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['单位 units'];
  routes.get('/api/units', { schema: { tags, summary: '成员单位与帮扶单位', querystring: unitListQuery } }, async (request) => ({
    items: await service.listUnits(ctx, request.query),
  }));
  routes.get('/api/units/:id', { schema: { tags, summary: '单位详情', params: unitIdParams } }, async (request) => ({
    unit: await service.getUnit(ctx, request.params.id),
  }));
}
