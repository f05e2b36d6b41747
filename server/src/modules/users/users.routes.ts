import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { emptyBody } from '../../kernel/http.ts';
import { changeRoleBody, createUserBody, userIdParams, userListQuery } from './users.schema.ts';
import * as service from './users.service.ts';

// A reply carrying a one-time password is never stored by a browser or a proxy.
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['用户管理 users'];

  routes.get('/api/users', { schema: { tags, summary: '用户列表（按角色、范围、启用状态筛选，按用户名或显示名称搜索）', querystring: userListQuery } }, async (request) =>
    service.listUsers(ctx, actorOf(request), request.query),
  );

  routes.get('/api/users/roles', { schema: { tags, summary: '角色及各角色须指定的范围' } }, async (request) => service.listRoleRules(actorOf(request)));

  routes.get('/api/users/:id', { schema: { tags, summary: '用户详情及可执行操作', params: userIdParams } }, async (request) => ({
    user: await service.getUser(ctx, actorOf(request), request.params.id),
  }));

  routes.post('/api/users', { schema: { tags, summary: '创建用户（返回仅显示一次的一次性密码）', body: createUserBody } }, async (request, reply) => {
    const created = await service.createUser(ctx, actorOf(request), request.body);
    return noStore(reply).status(201).send(created);
  });

  routes.post('/api/users/:id/disable', { schema: { tags, summary: '停用用户（结束其全部会话）', params: userIdParams, body: emptyBody } }, async (request) =>
    service.disableUser(ctx, actorOf(request), request.params.id),
  );

  routes.post('/api/users/:id/enable', { schema: { tags, summary: '重新启用用户', params: userIdParams, body: emptyBody } }, async (request) =>
    service.enableUser(ctx, actorOf(request), request.params.id),
  );

  routes.post(
    '/api/users/:id/reset-password',
    { schema: { tags, summary: '重置密码（返回一次性密码，结束其全部会话）', params: userIdParams, body: emptyBody } },
    async (request, reply) => noStore(reply).send(await service.resetUserPassword(ctx, actorOf(request), request.params.id)),
  );

  routes.post(
    '/api/users/:id/change-role',
    { schema: { tags, summary: '更改角色和范围', params: userIdParams, body: changeRoleBody } },
    async (request) => service.changeUserRole(ctx, actorOf(request), request.params.id, request.body),
  );
}
