import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { addItemBody, checklistQuery, copyTemplateBody, editItemBody, itemKindQuery, itemParams } from './checklists.schema.ts';
import * as service from './checklists.service.ts';

export function registerChecklistRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['责任清单 checklists'];

  routes.get('/api/checklists', { schema: { tags, summary: '年度责任清单（督查第九条、巡查第十五条）', querystring: checklistQuery } }, async (request) =>
    service.getChecklist(ctx, actorOf(request), request.query.kind, request.query.year),
  );

  routes.post('/api/checklists/copy', { schema: { tags, summary: '沿用上一年度清单制定本年度责任清单', body: copyTemplateBody } }, async (request, reply) =>
    reply.status(201).send(await service.copyTemplate(ctx, actorOf(request), request.body)),
  );

  routes.post('/api/checklists/items', { schema: { tags, summary: '增加清单子项', body: addItemBody } }, async (request, reply) =>
    reply.status(201).send(await service.addItem(ctx, actorOf(request), request.body)),
  );

  routes.patch('/api/checklists/items/:id', { schema: { tags, summary: '修改未被引用的清单子项', params: itemParams, body: editItemBody } }, async (request) =>
    service.editItem(ctx, actorOf(request), request.params.id, request.body),
  );

  routes.delete('/api/checklists/items/:id', { schema: { tags, summary: '删除未被引用的清单子项', params: itemParams, querystring: itemKindQuery } }, async (request) =>
    service.deleteItem(ctx, actorOf(request), request.params.id, request.query.kind),
  );
}
