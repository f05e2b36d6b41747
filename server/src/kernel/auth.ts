import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor, Scope } from './access.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';

export const SESSION_COOKIE = 'dukao_session';
export const CSRF_COOKIE = 'dukao_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes open to the public need neither a session nor a CSRF token. */
    isPublic?: boolean;
    /** What the gate asks of a request to this route, decided once when the route is registered (`routeAccessOf`). */
    access?: RouteAccess;
    /** Still open to a user who must change a one-time password first (who am I, change password, log out). */
    isOpenBeforePasswordChange?: boolean;
  }
}

/** 'session': a signed-in user (and the CSRF token on a state-changing request); 'public': anyone. */
export type RouteAccess = 'session' | 'public';

/**
 * The access a route requires, from its registered pattern — never from the URL a client sent, which may be
 * written %61pi, //api or /api/./ and still reach the route: every /api route needs a session unless it is
 * declared public; the API documentation and the web app's files are public.
 */
export function routeAccessOf(route: { url: string; config?: { isPublic?: boolean } | undefined }): RouteAccess {
  if (route.config?.isPublic) return 'public';
  if (route.url === '/api/docs' || route.url.startsWith('/api/docs/')) return 'public';
  return route.url.startsWith('/api/') ? 'session' : 'public';
}

function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Creates a session row; only the hash of the cookie token is stored, so a database reader cannot replay it. */
export async function createSession(ctx: AppContext, userId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3600_000);
  await ctx.db
    .insertInto('sessions')
    .values({ id: sessionIdOf(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt, last_seen_at: now, created_at: now })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/**
 * The session cookies: httpOnly for the session, readable for the CSRF token, SameSite=Strict, and Secure when the
 * request came over HTTPS — directly, or through a trusted proxy that says so (TRUST_PROXY) — or COOKIE_SECURE is set.
 */
export function setSessionCookies(ctx: AppContext, reply: FastifyReply, session: { token: string; csrfToken: string; expiresAt: Date }): void {
  const secure = ctx.config.cookieSecure || reply.request.protocol === 'https';
  const common = { path: '/', sameSite: 'strict' as const, secure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Loads the signed-in user and the name of their scope from a session token, or null when the session is unknown or expired. */
export async function loadActor(ctx: AppContext, token: string): Promise<Actor | null> {
  const sessionId = sessionIdOf(token);
  const now = ctx.clock.now();
  const row = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('assessment_units as au', 'au.code', 'u.assessment_unit_code')
    .leftJoin('regions as town', 'town.code', 'u.town_code')
    .leftJoin('units as unit', 'unit.id', 'u.unit_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.last_seen_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.must_change_password',
      'u.assessment_unit_code',
      'au.name as assessment_unit_name',
      'u.town_code',
      'town.name as town_name',
      'u.unit_id',
      'unit.name as unit_name',
    ])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('u.is_active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  // Touch the session at most once a minute, not on every request.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
  }
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    mustChangePassword: row.must_change_password,
    scope: scopeOf(row),
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
  };
}

function scopeOf(row: {
  role: string;
  assessment_unit_code: string | null;
  assessment_unit_name: string | null;
  town_code: string | null;
  town_name: string | null;
  unit_id: number | null;
  unit_name: string | null;
}): Scope {
  // A third-party evaluator assigned to an assessment unit evaluates that unit only (考7(3)); unassigned, the whole city.
  if ((row.role === 'county_user' || row.role === 'third_party') && row.assessment_unit_code) {
    return { kind: 'assessment_unit', code: row.assessment_unit_code, name: row.assessment_unit_name ?? row.assessment_unit_code };
  }
  if (row.role === 'town_user' && row.town_code) return { kind: 'town', code: row.town_code, name: row.town_name ?? row.town_code };
  if (row.role === 'assist_unit_user' && row.unit_id !== null) {
    return { kind: 'unit', code: String(row.unit_id), unitId: row.unit_id, name: row.unit_name ?? String(row.unit_id) };
  }
  return { kind: 'city', code: null, name: '惠州市（全市）' };
}

/**
 * Every request passes here after routing: it resolves the session to an actor and applies what the matched
 * route requires (its `access`, set from the route's pattern when it was registered): an anonymous caller is
 * refused on a session route, a state-changing request without the session's CSRF token too, and a user who
 * must change a one-time password may do only that. The 404 of an unknown path requires nothing.
 */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await loadActor(ctx, token) : null;
    const config = request.routeOptions.config;
    if (config.access !== 'session') return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录（会话不存在或已过期）');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== request.actor.csrfToken) {
        throw new AppError('CSRF_FAILED', '请求缺少有效的 CSRF 令牌（请求头 x-csrf-token），请刷新页面后重试');
      }
    }
    if (request.actor.mustChangePassword && !config.isOpenBeforePasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录或密码已被重置：请先修改密码，再使用系统');
    }
  });
}

/** The signed-in actor of a request on an authenticated route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录（会话不存在或已过期）');
  return request.actor;
}

/** Removes expired sessions; cheap enough to run at start-up. */
export async function purgeExpiredSessions(ctx: AppContext): Promise<void> {
  await sql`DELETE FROM sessions WHERE expires_at < ${ctx.clock.now()}`.execute(ctx.db);
}
