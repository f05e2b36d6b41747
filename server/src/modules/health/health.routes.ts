import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../kernel/context.ts';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/health', { config: { isPublic: true }, schema: { tags: ['系统 system'], summary: '健康检查' } }, async () => {
    await sql`SELECT 1`.execute(ctx.db);
    return { status: 'ok', db: ctx.dbKind, version: ctx.config.version };
  });
}
