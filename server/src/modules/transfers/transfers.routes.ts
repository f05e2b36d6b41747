import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { emptyBody } from '../../kernel/http.ts';
import { createTransferBody, reportBody, transferIdParams, transferListQuery } from './transfers.schema.ts';
import * as service from './transfers.service.ts';

export function registerTransferRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['移交 transfers'];
  const params = transferIdParams;

  routes.get('/api/transfers', { schema: { tags, summary: '移交案件（市扶贫办：全部；纪检监察：移交本人的）', querystring: transferListQuery } }, async (request) =>
    service.listTransfers(ctx, actorOf(request), request.query.status),
  );

  routes.get('/api/transfers/recipients', { schema: { tags, summary: '可移交的纪检监察、检察机关联络员' } }, async (request) =>
    service.listRecipients(ctx, actorOf(request)),
  );

  routes.post('/api/transfers', { schema: { tags, summary: '将问题移交纪检监察或检察机关（附证据材料）', body: createTransferBody } }, async (request, reply) =>
    reply.status(201).send({ transfer: await service.createTransfer(ctx, actorOf(request), request.body) }),
  );

  routes.get('/api/transfers/:id', { schema: { tags, summary: '移交案件详情、证据材料和办理情况', params } }, async (request) => ({
    transfer: await service.getTransfer(ctx, actorOf(request), request.params.id),
  }));

  routes.post('/api/transfers/:id/acknowledge', { schema: { tags, summary: '签收', params, body: emptyBody } }, async (request) => ({
    transfer: await service.actOnTransfer(ctx, actorOf(request), request.params.id, 'acknowledge', undefined),
  }));

  routes.post('/api/transfers/:id/accept', { schema: { tags, summary: '反馈：已受理', params, body: reportBody } }, async (request) => ({
    transfer: await service.actOnTransfer(ctx, actorOf(request), request.params.id, 'accept', request.body.note),
  }));

  routes.post('/api/transfers/:id/file', { schema: { tags, summary: '反馈：已立案', params, body: reportBody } }, async (request) => ({
    transfer: await service.actOnTransfer(ctx, actorOf(request), request.params.id, 'file', request.body.note),
  }));

  routes.post('/api/transfers/:id/conclude', { schema: { tags, summary: '反馈：处理完毕', params, body: reportBody } }, async (request) => ({
    transfer: await service.actOnTransfer(ctx, actorOf(request), request.params.id, 'conclude', request.body.note),
  }));
}
