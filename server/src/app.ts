import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerAuthentication, routeAccessOf, type RouteAccess } from './kernel/auth.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import { createContext } from './kernel/context.ts';
import { registerErrorHandling, registerInputCharacterCheck, replyToClientError, replyToFrameworkError } from './kernel/http.ts';
import { registerAttachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerChecklistRoutes } from './modules/checklists/checklists.routes.ts';
import { registerComplaintRoutes } from './modules/complaints/complaints.routes.ts';
import { registerDisclosureRoutes } from './modules/disclosures/disclosures.routes.ts';
import { registerDocumentRoutes } from './modules/documents/documents.routes.ts';
import { registerHealthRoutes } from './modules/health/health.routes.ts';
import { registerInspectionRoutes } from './modules/inspections/inspections.routes.ts';
import { registerParameterRoutes } from './modules/parameters/parameters.routes.ts';
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

/** One registered route as the gate sees it. */
export type RouteEntry = { method: string; url: string; access: RouteAccess };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the application with the access it requires — what tests walk, instead of a hand-made list. */
    routeTable: RouteEntry[];
  }
}

/**
 * The browser may run only the web app's own scripts; antd writes its styles at run time (inline <style>), and
 * thumbnails and charts use data: and blob: URLs. No upgrade-insecure-requests: an office may serve plain HTTP
 * on its own network.
 */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
};

/** TRUST_PROXY=N: the N proxies nearest the server are believed, whatever their addresses. */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** Builds the whole HTTP application on an open database; it does not listen (tests use inject). */
export async function buildApp(config: Config, database: Database, clock: Clock = systemClock): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy, the client's own address and protocol come from X-Forwarded-* only when configured.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    clientErrorHandler: replyToClientError,
    frameworkErrors: replyToFrameworkError,
    // One line per request drowns the console an office runs this in; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => Math.random().toString(36).slice(2, 10),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  // Decided once per route from its registered pattern, so that the gate never looks at the URL a client wrote.
  app.addHook('onRoute', (route) => {
    const access = routeAccessOf({ url: route.url, config: route.config });
    route.config = { ...route.config, access };
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, access });
  });
  registerInputCharacterCheck(app);

  const ctx = createContext(database, config, clock);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, { contentSecurityPolicy, crossOriginEmbedderPolicy: false });
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

  // Replies of the API carry people's data or depend on who asks: never kept by a browser or a proxy.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url?.startsWith('/api/') || request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
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
  registerParameterRoutes(app, ctx);

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
