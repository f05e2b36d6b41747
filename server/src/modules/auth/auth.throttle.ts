import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';

/**
 * Login back-off per account and client, instead of an account lock that anyone who knows a username could
 * trigger. A client is the browser that has signed in to the account before (a device cookie the server signed
 * for that username), or else its address. A client that keeps failing on an account waits longer each time
 * (30 s, doubling, at most LOGIN_BACKOFF_MAX_MINUTES); one that fails on many accounts waits on all of them.
 * A client that has not failed is never refused — the owner's usual browser keeps working while someone
 * elsewhere guesses.
 */

export const DEVICE_COOKIE = 'dukao_device';
const DEVICE_COOKIE_DAYS = 180;
// Failures older than this are forgotten.
const FAILURE_WINDOW_MS = 60 * 60_000;
const FIRST_WAIT_SECONDS = 30;
// One client's failures on every account together: this many times the per-account allowance.
const ALL_ACCOUNTS_FACTOR = 4;
const ALL_ACCOUNTS = '*';

function deviceSignature(ctx: AppContext, username: string, deviceId: string): string {
  return ctx.personalData.lookupHash(`login device\u0000${username}\u0000${deviceId}`);
}

/** A new device cookie value for a browser that has just signed in as `username`. */
export function newDeviceCookie(ctx: AppContext, username: string): { value: string; maxAgeSeconds: number } {
  const deviceId = randomBytes(16).toString('base64url');
  return { value: `${deviceId}.${deviceSignature(ctx, username, deviceId)}`, maxAgeSeconds: DEVICE_COOKIE_DAYS * 86_400 };
}

/** Whether a device cookie was issued by this server to a browser that signed in as `username`. */
export function isDeviceOf(ctx: AppContext, username: string, cookie: string | undefined): boolean {
  const [deviceId, signature] = (cookie ?? '').split('.');
  if (!deviceId || !signature) return false;
  const expected = Buffer.from(deviceSignature(ctx, username, deviceId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The client key of a login attempt: the trusted device for this username, or the (proxy-resolved) address. */
export function loginClientOf(ctx: AppContext, username: string, request: { ip: string; cookies: Record<string, string | undefined> }): string {
  const cookie = request.cookies[DEVICE_COOKIE];
  return isDeviceOf(ctx, username, cookie) ? `device:${cookie!.split('.')[0]}` : `address:${request.ip}`;
}

function waitSeconds(ctx: AppContext, failures: number, allowance: number): number {
  if (failures < allowance) return 0;
  return Math.min(ctx.config.loginBackoffMaxMinutes * 60, FIRST_WAIT_SECONDS * 2 ** Math.min(failures - allowance, 20));
}

function tooManyFailures(seconds: number): AppError {
  const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
  return new AppError('RATE_LIMITED', `此设备登录失败次数过多，请 ${wait}后再试（其他设备不受影响；忘记密码请联系市扶贫办管理员重置）`, {
    retryAfterSeconds: seconds,
  });
}

/** Refuses (429 with Retry-After) a client that is still waiting after its failures on this account or on all accounts. */
export async function assertLoginAllowed(ctx: AppContext, account: string, client: string): Promise<void> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .selectFrom('login_throttles')
    .select('blocked_until')
    .where('client', '=', client)
    .where('account', 'in', [account, ALL_ACCOUNTS])
    .where('blocked_until', '>', now)
    .execute();
  const until = Math.max(0, ...rows.map((row) => row.blocked_until!.getTime()));
  if (until > now.getTime()) throw tooManyFailures(Math.ceil((until - now.getTime()) / 1000));
}

/**
 * Counts a failed attempt for the client on the account and on all accounts, in one statement each (concurrent
 * failures all count); returns the failures on the account and whether this one started a wait.
 */
export async function recordFailedLogin(ctx: AppContext, account: string, client: string): Promise<{ failures: number; waitSeconds: number }> {
  const now = ctx.clock.now();
  const forgetBefore = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const counts: Record<string, number> = {};
  for (const [key, allowance] of [
    [account, ctx.config.loginBackoffAfter],
    [ALL_ACCOUNTS, ctx.config.loginBackoffAfter * ALL_ACCOUNTS_FACTOR],
  ] as const) {
    const row = await sql<{ failures: number }>`
      INSERT INTO login_throttles (account, client, failures, last_failed_at)
      VALUES (${key}, ${client}, 1, ${now})
      ON CONFLICT (account, client) DO UPDATE SET
        failures = CASE WHEN login_throttles.last_failed_at < ${forgetBefore} THEN 1 ELSE login_throttles.failures + 1 END,
        last_failed_at = EXCLUDED.last_failed_at
      RETURNING failures`.execute(ctx.db);
    const failures = row.rows[0]!.failures;
    counts[key] = failures;
    const seconds = waitSeconds(ctx, failures, allowance);
    if (seconds > 0) {
      await ctx.db
        .updateTable('login_throttles')
        .set({ blocked_until: new Date(now.getTime() + seconds * 1000) })
        .where('account', '=', key)
        .where('client', '=', client)
        .execute();
    }
  }
  return { failures: counts[account]!, waitSeconds: waitSeconds(ctx, counts[account]!, ctx.config.loginBackoffAfter) };
}

/** A correct password clears the client's failures on that account (not those on all accounts, which only time clears). */
export async function clearFailedLogins(ctx: AppContext, account: string, client: string): Promise<void> {
  await ctx.db.deleteFrom('login_throttles').where('account', '=', account).where('client', '=', client).execute();
}

/** Forgets every client's failures on an account (`dukao users unlock`, a password reset), or all failures older than the window. */
export async function forgetFailedLogins(ctx: AppContext, account?: string, db: Kysely<DB> | Transaction<DB> = ctx.db): Promise<number> {
  let statement = db.deleteFrom('login_throttles');
  statement = account ? statement.where('account', '=', account) : statement.where('last_failed_at', '<', new Date(ctx.clock.now().getTime() - FAILURE_WINDOW_MS));
  const result = await statement.executeTakeFirst();
  return Number(result.numDeletedRows);
}
