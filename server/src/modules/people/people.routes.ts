import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { emptyBody } from '../../kernel/http.ts';
import {
  changeRequestBody,
  changeRequestIdParams,
  changeRequestListQuery,
  decisionBody,
  peopleListQuery,
  personBody,
  personIdParams,
  rejectionBody,
} from './people.schema.ts';
import * as service from './people.service.ts';

export function registerPeopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['人员 people'];

  routes.get('/api/people', { schema: { tags, summary: '人员（姓名、单位、职务、职级、籍贯地）', querystring: peopleListQuery } }, async (request) =>
    service.listPeople(ctx, actorOf(request), request.query),
  );

  routes.post('/api/people', { schema: { tags, summary: '在人员名册中新增人员（市扶贫办、市委组织部）', body: personBody } }, async (request, reply) => {
    const person = await service.createPerson(ctx, actorOf(request), request.body);
    return reply.status(201).send({ person });
  });

  routes.get('/api/people/:id', { schema: { tags, summary: '人员详情、变更申请及可执行操作', params: personIdParams } }, async (request) =>
    service.getPerson(ctx, actorOf(request), request.params.id),
  );

  routes.post(
    '/api/people/:id/change-requests',
    { schema: { tags, summary: '申请变更职级或单位（须市扶贫办审批）', params: personIdParams, body: changeRequestBody } },
    async (request, reply) => {
      const created = await service.requestPersonChange(ctx, actorOf(request), request.params.id, request.body);
      return reply.status(201).send({ request: created });
    },
  );

  routes.get('/api/person-change-requests', { schema: { tags, summary: '人员变更申请列表', querystring: changeRequestListQuery } }, async (request) => ({
    items: await service.listChangeRequests(ctx, actorOf(request), request.query.status),
  }));

  routes.post(
    '/api/person-change-requests/:id/approve',
    { schema: { tags, summary: '批准变更申请并生效', params: changeRequestIdParams, body: decisionBody.nullish() } },
    async (request) => ({ request: await service.decideChangeRequest(ctx, actorOf(request), request.params.id, 'approve', request.body?.note) }),
  );

  routes.post(
    '/api/person-change-requests/:id/reject',
    { schema: { tags, summary: '驳回变更申请（须填写意见）', params: changeRequestIdParams, body: rejectionBody } },
    async (request) => ({ request: await service.decideChangeRequest(ctx, actorOf(request), request.params.id, 'reject', request.body.note) }),
  );

  routes.post(
    '/api/person-change-requests/:id/withdraw',
    { schema: { tags, summary: '撤回变更申请', params: changeRequestIdParams, body: emptyBody } },
    async (request) => ({ request: await service.decideChangeRequest(ctx, actorOf(request), request.params.id, 'withdraw', undefined) }),
  );
}
