import { roleLabels, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import { createSession, deleteSession } from '../../kernel/auth.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertPasswordPolicy, hashPassword, isPasswordCorrect } from '../../kernel/passwords.ts';

// Verifying against a real hash for unknown users keeps the response time from telling which usernames exist.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password. After the configured number of consecutive failures the
 * account is locked for the configured time (and the lock is audited); success resets the count.
 */
export async function logIn(ctx: AppContext, username: string, password: string) {
  const now = ctx.clock.now();
  const user = await ctx.db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
  if (!user || !user.is_active) {
    decoyHash ??= hashPassword('decoy-password-1');
    await isPasswordCorrect(await decoyHash, password);
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  if (user.locked_until && user.locked_until > now) {
    const minutes = Math.ceil((user.locked_until.getTime() - now.getTime()) / 60_000);
    throw new AppError('ACCOUNT_LOCKED', `连续登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试或联系管理员`, { lockedUntil: user.locked_until });
  }
  if (!(await isPasswordCorrect(user.password_hash, password))) {
    const failures = user.failed_logins + 1;
    const isLocking = failures >= ctx.config.loginMaxFailures;
    await ctx.db.transaction().execute(async (trx) => {
      const lockedUntil = isLocking ? new Date(now.getTime() + ctx.config.loginLockMinutes * 60_000) : null;
      await trx
        .updateTable('users')
        .set({ failed_logins: isLocking ? 0 : failures, locked_until: lockedUntil, updated_at: now })
        .where('id', '=', user.id)
        .execute();
      if (isLocking) {
        await appendAuditEvent(trx, ctx.clock, { id: null, name: '系统' }, {
          action: 'user.lock',
          entityType: 'user',
          entityId: user.id,
          before: { lockedUntil: null },
          after: { lockedUntil, reason: `连续 ${failures} 次登录失败` },
        });
      }
    });
    if (isLocking) {
      throw new AppError('ACCOUNT_LOCKED', `连续 ${failures} 次登录失败，账户已锁定 ${ctx.config.loginLockMinutes} 分钟`);
    }
    throw new AppError('INVALID_CREDENTIALS', `用户名或密码错误（再失败 ${ctx.config.loginMaxFailures - failures} 次将锁定账户）`);
  }
  if (user.failed_logins > 0 || user.locked_until) {
    await ctx.db.updateTable('users').set({ failed_logins: 0, locked_until: null, updated_at: now }).where('id', '=', user.id).execute();
  }
  const session = await createSession(ctx, user.id);
  await ctx.db.transaction().execute((trx) =>
    appendAuditEvent(trx, ctx.clock, { id: user.id, name: user.display_name }, { action: 'auth.login', entityType: 'user', entityId: user.id }),
  );
  return session;
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
    },
    csrfToken: actor.csrfToken,
  };
}
