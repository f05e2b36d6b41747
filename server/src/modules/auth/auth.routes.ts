import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { roleLabels } from '../../kernel/access.ts';
import { actorOf, clearSessionCookies, loadActor, setSessionCookies } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { isDemoInstallation } from '../../kernel/installation.ts';
import { DEMO_PASSWORD, demoAccounts } from '../../seed/huizhou.data.ts';
import { loginBody, passwordChangeBody } from './auth.schema.ts';
import * as service from './auth.service.ts';
import { DEVICE_COOKIE, isDeviceOf, loginClientOf, newDeviceCookie } from './auth.throttle.ts';

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['登录与账户 auth'];

  routes.post('/api/auth/login', { config: { isPublic: true }, schema: { tags, summary: '登录（失败过多的设备须等待，429 并给出 Retry-After）', body: loginBody } }, async (request, reply) => {
    const { username, password } = request.body;
    const session = await service.logIn(ctx, username, password, loginClientOf(ctx, username.toLowerCase(), request));
    setSessionCookies(ctx, reply, session);
    if (!isDeviceOf(ctx, session.username, request.cookies[DEVICE_COOKIE])) {
      const device = newDeviceCookie(ctx, session.username);
      reply.setCookie(DEVICE_COOKIE, device.value, { path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: ctx.config.cookieSecure || request.protocol === 'https', maxAge: device.maxAgeSeconds });
    }
    // Read the actor back through the same path every later request takes.
    const actor = await loadActor(ctx, session.token);
    if (!actor) throw new AppError('INTERNAL', '登录后无法读取会话');
    return service.describeActor(actor);
  });

  routes.get('/api/auth/demo-accounts', { config: { isPublic: true }, schema: { tags, summary: '演示账户（仅演示安装；正式安装为空列表）' } }, async () => {
    const isDemo = await isDemoInstallation(ctx.db);
    return {
      password: isDemo ? DEMO_PASSWORD : null,
      items: isDemo ? demoAccounts.map((account) => ({ username: account.username, displayName: account.displayName, roleLabel: roleLabels[account.role] })) : [],
    };
  });

  const openBeforePasswordChange = { isOpenBeforePasswordChange: true };
  routes.get('/api/auth/me', { config: openBeforePasswordChange, schema: { tags, summary: '当前登录用户' } }, async (request) => service.describeActor(actorOf(request)));

  routes.post('/api/auth/logout', { config: openBeforePasswordChange, schema: { tags, summary: '退出登录' } }, async (request, reply) => {
    await service.logOut(ctx, actorOf(request));
    clearSessionCookies(reply);
    return reply.status(204).send();
  });

  routes.post('/api/auth/password', { config: openBeforePasswordChange, schema: { tags, summary: '修改密码', body: passwordChangeBody } }, async (request, reply) => {
    await service.changePassword(ctx, actorOf(request), request.body.currentPassword, request.body.newPassword);
    return reply.status(204).send();
  });
}
