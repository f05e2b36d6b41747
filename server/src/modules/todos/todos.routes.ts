import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import * as service from './todos.service.ts';

export function registerTodoRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get('/api/todos', { schema: { tags: ['待办 todos'], summary: '我的待办：各流程中等待本人处理的记录数' } }, async (request) =>
    service.listTodos(ctx, actorOf(request)),
  );
}
