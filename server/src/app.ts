import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerAuthentication } from './kernel/auth.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import { createContext } from './kernel/context.ts';
import { registerErrorHandling } from './kernel/http.ts';
import { registerAttachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerChecklistRoutes } from './modules/checklists/checklists.routes.ts';
import { registerComplaintRoutes } from './modules/complaints/complaints.routes.ts';
import { registerDisclosureRoutes } from './modules/disclosures/disclosures.routes.ts';
import { registerDocumentRoutes } from './modules/documents/documents.routes.ts';
import { registerHealthRoutes } from './modules/health/health.routes.ts';
import { registerInspectionRoutes } from './modules/inspections/inspections.routes.ts';
import { registerPeopleRoutes } from './modules/people/people.routes.ts';
import { registerRectificationRoutes } from './modules/rectifications/rectifications.routes.ts';
import { registerRegionRoutes } from './modules/regions/regions.routes.ts';
import { registerRegistryRoutes } from './modules/registry/registry.routes.ts';
import { registerSummaryRoutes } from './modules/summaries/summaries.routes.ts';
import { registerSupervisionRoutes } from './modules/supervisions/supervisions.routes.ts';
import { registerTodoRoutes } from './modules/todos/todos.routes.ts';
import { registerTransferRoutes } from './modules/transfers/transfers.routes.ts';
import { registerUnitRoutes } from './modules/units/units.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';

// Validation messages in Simplified Chinese (R-X4); a missing field and an unexpected one say so plainly.
z.config(z.locales.zhCN());
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return '为必填项，不能缺少';
    if (issue.code === 'unrecognized_keys') return '不是此接口允许的字段，请删除';
    return undefined;
  },
});

export const DEFAULT_WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the whole HTTP application on an open database; it does not listen (tests use inject). */
export async function buildApp(config: Config, database: Database, clock: Clock = systemClock): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // One line per request drowns the console an office runs this in; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => Math.random().toString(36).slice(2, 10),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const ctx = createContext(database, config, clock);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '督考 dukao API', description: '惠州市脱贫攻坚督查巡查与成效考核系统（惠扶〔2017〕5号）', version: config.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dukao_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { isPublic: true }, schema: { hide: true } }, async () => app.swagger());

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    return payload;
  });

  registerAuthentication(app, ctx);
  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerRegionRoutes(app, ctx);
  registerUnitRoutes(app, ctx);
  registerChecklistRoutes(app, ctx);
  registerTodoRoutes(app, ctx);
  registerPeopleRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  await registerRegistryRoutes(app, ctx);
  await registerAttachmentRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerInspectionRoutes(app, ctx);
  registerSupervisionRoutes(app, ctx);
  registerRectificationRoutes(app, ctx);
  registerTransferRoutes(app, ctx);
  registerComplaintRoutes(app, ctx);
  registerDisclosureRoutes(app, ctx);
  registerSummaryRoutes(app, ctx);
  registerUserRoutes(app, ctx);

  await registerWebApp(app, config.webDistDir ?? DEFAULT_WEB_DIST);
  return app;
}

/** Serves the built web app, with index.html for every non-API path so that client routes survive a reload. */
async function registerWebApp(app: FastifyInstance, webDistDir: string): Promise<void> {
  const hasWebApp = fs.existsSync(path.join(webDistDir, 'index.html'));
  if (hasWebApp) await app.register(fastifyStatic, { root: webDistDir, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWebApp) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}`, details: null } });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
