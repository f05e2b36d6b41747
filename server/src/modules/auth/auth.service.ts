import { pagesOf } from './auth.pages.ts';
import { roleLabels, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import { createSession, deleteSession } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertPasswordPolicy, hashPassword, isPasswordCorrect } from '../../kernel/passwords.ts';
import { assertLoginAllowed, clearFailedLogins, recordFailedLogin } from './auth.throttle.ts';

// Verifying against a real hash for unknown users keeps the response time from telling which usernames exist.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password from one client (see auth.throttle). A client still waiting after its failures is
 * refused before the password is looked at (429, Retry-After); a wrong password counts against that client only,
 * and the wait it starts is audited; a right one clears the client's failures. Unknown usernames are answered
 * exactly like wrong passwords.
 */
export async function logIn(ctx: AppContext, username: string, password: string, client: string) {
  const account = username.toLowerCase();
  await assertLoginAllowed(ctx, account, client);
  const user = await ctx.db.selectFrom('users').selectAll().where('username', '=', account).executeTakeFirst();
  const hash = user?.is_active ? user.password_hash : await (decoyHash ??= hashPassword('decoy-password-1'));
  const isCorrect = (await isPasswordCorrect(hash, password)) && user?.is_active === true;
  if (!user || !isCorrect) {
    const { failures, waitSeconds } = await recordFailedLogin(ctx, account, client);
    if (user && failures === ctx.config.loginBackoffAfter) {
      await ctx.db.transaction().execute((trx) =>
        appendAuditEvent(trx, ctx.clock, { id: null, name: '系统' }, {
          action: 'auth.backoff',
          entityType: 'user',
          entityId: user.id,
          after: { client: client.startsWith('address:') ? client : 'device', failures, waitSeconds },
        }),
      );
    }
    const left = ctx.config.loginBackoffAfter - failures;
    throw new AppError('INVALID_CREDENTIALS', left > 0 ? `用户名或密码错误（此设备再失败 ${left} 次须等待后再试）` : '用户名或密码错误', {
      retryAfterSeconds: waitSeconds > 0 ? waitSeconds : undefined,
    });
  }
  await clearFailedLogins(ctx, account, client);
  const session = await createSession(ctx, user.id);
  await ctx.db.transaction().execute((trx) =>
    appendAuditEvent(trx, ctx.clock, { id: user.id, name: user.display_name }, { action: 'auth.login', entityType: 'user', entityId: user.id }),
  );
  return { ...session, username: user.username };
}

export async function logOut(ctx: AppContext, actor: Actor): Promise<void> {
  await deleteSession(ctx.db, actor.sessionId);
}

/** Changes the actor's password after checking the current one; every other session of the user is ended. */
export async function changePassword(ctx: AppContext, actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
  const user = await ctx.db.selectFrom('users').select(['password_hash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await isPasswordCorrect(user.password_hash, currentPassword))) {
    throw new AppError('VALIDATION_FAILED', '当前密码不正确', { fields: [{ field: 'currentPassword', message: '当前密码不正确' }] });
  }
  assertPasswordPolicy(newPassword, { username: actor.username });
  if (newPassword === currentPassword) {
    throw new AppError('VALIDATION_FAILED', '新密码不能与当前密码相同', { fields: [{ field: 'newPassword', message: '与当前密码相同' }] });
  }
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: false, updated_at: ctx.clock.now() }).where('id', '=', actor.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', actor.id).where('id', '<>', actor.sessionId).execute();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, { action: 'user.password_change', entityType: 'user', entityId: actor.id });
  });
}

/** What the client needs about the signed-in user. */
export function describeActor(actor: Actor) {
  return {
    user: {
      id: actor.id,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      roleLabel: roleLabels[actor.role],
      scope: { kind: actor.scope.kind, code: actor.scope.code, name: actor.scope.name },
      mustChangePassword: actor.mustChangePassword,
      /** The web pages this user may open (menu and page guards). */
      pages: pagesOf(actor.role),
    },
    csrfToken: actor.csrfToken,
  };
}
