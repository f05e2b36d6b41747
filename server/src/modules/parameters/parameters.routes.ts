import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { parameterListQuery, parameterListReply, parameterParams, parameterReply, updateParameterBody } from './parameters.schema.ts';
import * as service from './parameters.service.ts';

export function registerParameterRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['参数配置 parameters'];

  routes.get(
    '/api/parameters',
    { schema: { tags, summary: '某年度适用的督查巡查参数（条款、默认值、当前值、设定人和时间）', querystring: parameterListQuery, response: { 200: parameterListReply } } },
    async (request) => service.listParameters(ctx, actorOf(request), request.query.year),
  );

  routes.put(
    '/api/parameters/:year/:key',
    {
      schema: {
        tags,
        summary: '设定某年度的一项参数（仅市扶贫办管理员；该年度工作开始后不得修改）',
        params: parameterParams,
        body: updateParameterBody,
        response: { 200: parameterReply },
      },
    },
    async (request) => service.updateParameter(ctx, actorOf(request), request.params.year, request.params.key, request.body.value),
  );
}
