import type { Transaction } from 'kysely';
import type { DB, Role } from '../../db/schema.ts';
import { roleLabels, roles, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent, auditActorOf, type AuditActor } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { generateOneTimePassword, hashPassword } from '../../kernel/passwords.ts';
import { forgetFailedLogins } from '../auth/auth.throttle.ts';
import { findPersonById } from '../people/people.service.ts';
import { findAssessmentUnitByCodeNameOrCounty, findTown } from '../regions/regions.service.ts';
import { findUnitById, findUnitByName } from '../units/units.service.ts';
import {
  assertNotLastActiveAdmin,
  assertNotOwnAccount,
  assertUserAdmin,
  availableUserActions,
  scopeFields,
  scopeRules,
  type ScopeField,
  type UserForRules,
} from './users.policy.ts';
import * as repo from './users.repo.ts';
import { USERNAME_PATTERN, USERNAME_RULE, type ChangeRoleBody, type CreateUserBody, type UserListQuery } from './users.schema.ts';

/**
 * How a refusal names what was typed: a field of the API (`字段「townCode」`) or an option of the
 * command line (`选项 --scope`), so that the same rules speak to both.
 */
export type InputNaming = (field: 'username' | 'displayName' | 'role' | ScopeField) => string;
export const apiNaming: InputNaming = (field) => `字段「${field}」`;

function invalidInput(naming: InputNaming, field: Parameters<InputNaming>[0], message: string): AppError {
  const named = naming(field);
  return new AppError('VALIDATION_FAILED', `${named}${message}`, { fields: [{ field, message }] });
}

type ScopeValue = string | number | null | undefined;
type ResolvedScope = { columns: repo.ScopeColumns; name: string | null };

function isGiven(value: ScopeValue): value is string | number {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Turns what was given for a role's scope into the account's scope columns, by the rule of
 * `scopeRules`: refuses a missing required scope, a scope the role does not take, and a reference
 * to an assessment unit, town, unit or person that does not exist — each naming the field.
 */
export async function resolveScope(ctx: AppContext, role: Role, value: ScopeValue, naming: InputNaming): Promise<ResolvedScope> {
  const rule = scopeRules[role];
  const roleText = `角色「${roleLabels[role]}」（${role}）`;
  if (!rule.field) {
    if (isGiven(value)) throw invalidInput(naming, 'assessmentUnitCode', `不适用：${roleText}不设范围（全市），请去掉`);
    return { columns: repo.noScopeColumns, name: null };
  }
  const field = rule.field;
  if (!isGiven(value)) {
    if (rule.isRequired) throw invalidInput(naming, field, `缺失：${roleText}须指定${rule.label}——${rule.hint}`);
    return { columns: repo.noScopeColumns, name: null };
  }
  const text = String(value).trim();
  if (field === 'assessmentUnitCode') {
    const unit = await findAssessmentUnitByCodeNameOrCounty(ctx.db, text);
    if (!unit) throw invalidInput(naming, field, `无效：不存在考核单位「${text}」——${rule.hint}`);
    return { columns: { ...repo.noScopeColumns, assessment_unit_code: unit.code }, name: unit.name };
  }
  if (field === 'townCode') {
    const town = /^[0-9]{9}$/.test(text) ? await findTown(ctx.db, text) : undefined;
    if (!town) throw invalidInput(naming, field, `无效：不存在区划代码为「${text}」的镇（街道）——${rule.hint}`);
    return { columns: { ...repo.noScopeColumns, town_code: town.code }, name: `${town.county_name ?? ''}${town.name}` };
  }
  if (field === 'unitId') {
    const unit = /^[0-9]{1,10}$/.test(text) ? await findUnitById(ctx.db, Number(text)) : await findUnitByName(ctx.db, text);
    if (!unit) throw invalidInput(naming, field, `无效：不存在编号或全称为「${text}」的单位——${rule.hint}`);
    return { columns: { ...repo.noScopeColumns, unit_id: unit.id }, name: unit.name };
  }
  if (!/^[0-9]{1,10}$/.test(text)) throw invalidInput(naming, field, `无效：「${text}」不是人员编号——${rule.hint}`);
  const person = await findPersonById(ctx.db, Number(text));
  if (!person) throw invalidInput(naming, field, `无效：不存在编号为 ${text} 的人员——${rule.hint}`);
  return { columns: { ...repo.noScopeColumns, person_id: person.id }, name: `${person.name}（${person.unit_name}）` };
}

/** The one scope value of an API body for the role; a scope field the role does not take is refused, naming it. */
function scopeValueOf(role: Role, body: Partial<Record<ScopeField, ScopeValue>>): ScopeValue {
  const rule = scopeRules[role];
  for (const field of scopeFields) {
    if (field === rule.field || !isGiven(body[field])) continue;
    const expected = rule.field ? `该角色的范围是${rule.label}（字段「${rule.field}」）` : '该角色不设范围（全市）';
    throw invalidInput(apiNaming, field, `不适用于角色「${roleLabels[role]}」（${role}）：${expected}，请删除`);
  }
  return rule.field ? body[rule.field] : undefined;
}

export function assertUsernameFormat(username: string, naming: InputNaming): void {
  if (!USERNAME_PATTERN.test(username)) throw invalidInput(naming, 'username', `无效：${USERNAME_RULE}（收到「${username}」）`);
}

export function parseRole(value: string, naming: InputNaming): Role {
  const role = roles.find((candidate) => candidate === value);
  if (role) return role;
  const known = roles.map((candidate) => `${candidate}（${roleLabels[candidate]}）`).join('、');
  throw invalidInput(naming, 'role', `无效：「${value}」不是已知角色。可用角色：${known}`);
}

// What an audit event records of an account: never a password or its hash.
function auditedAccount(row: repo.UserRow) {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    assessmentUnitCode: row.assessment_unit_code,
    townCode: row.town_code,
    unitId: row.unit_id,
    personId: row.person_id,
    isActive: row.is_active,
    mustChangePassword: row.must_change_password,
  };
}

function describeScope(row: repo.UserRow): { kind: 'city' | 'assessment_unit' | 'town' | 'unit' | 'person'; code: string | null; name: string } {
  if (row.assessment_unit_code) return { kind: 'assessment_unit', code: row.assessment_unit_code, name: row.assessment_unit_name ?? row.assessment_unit_code };
  if (row.town_code) return { kind: 'town', code: row.town_code, name: `${row.town_county_name ?? ''}${row.town_name ?? row.town_code}` };
  if (row.unit_id !== null) return { kind: 'unit', code: String(row.unit_id), name: row.unit_name ?? String(row.unit_id) };
  if (row.person_id !== null) return { kind: 'person', code: String(row.person_id), name: `${row.person_name ?? row.person_id}（${row.person_unit_name ?? ''}）` };
  if (scopeRules[row.role].field === 'personId') return { kind: 'person', code: null, name: '未关联名册人员' };
  return { kind: 'city', code: null, name: '全市' };
}

function forRules(row: repo.UserRow): UserForRules {
  return { id: row.id, role: row.role, isActive: row.is_active };
}

function toUserView(ctx: AppContext, actor: Actor, row: repo.UserRow, activeAdminIds: readonly number[]) {
  const now = ctx.clock.now();
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    roleLabel: roleLabels[row.role],
    scope: describeScope(row),
    scopeFields: { assessmentUnitCode: row.assessment_unit_code, townCode: row.town_code, unitId: row.unit_id, personId: row.person_id },
    isActive: row.is_active,
    mustChangePassword: row.must_change_password,
    /** Some device or address must wait after failed logins on this account (a reset or `dukao users unlock` ends it). */
    isLoginWaiting: row.login_wait_until !== null && new Date(row.login_wait_until) > now,
    loginWaitUntil: row.login_wait_until,
    isSelf: row.id === actor.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    actions: availableUserActions(actor, forRules(row), activeAdminIds),
  };
}

export type UserView = ReturnType<typeof toUserView>;

/** The roles and which scope each takes, so that forms show the right picker (the rule lives in users.policy). */
export function listRoleRules(actor: Actor) {
  assertUserAdmin(actor);
  return {
    items: roles.map((role) => {
      const rule = scopeRules[role];
      return { role, label: roleLabels[role], scopeField: rule.field, isScopeRequired: rule.isRequired, scopeLabel: rule.label, scopeMeaning: rule.meaning };
    }),
  };
}

export async function listUsers(ctx: AppContext, actor: Actor, query: UserListQuery) {
  assertUserAdmin(actor);
  const [{ rows, total }, activeAdminIds] = await Promise.all([repo.listUsers(ctx.db, query), repo.listActiveAdminIds(ctx.db)]);
  return { items: rows.map((row) => toUserView(ctx, actor, row, activeAdminIds)), total, page: query.page, pageSize: query.pageSize };
}

/** One account with the actions the administrator may take on it. */
export async function getUser(ctx: AppContext, actor: Actor, id: number) {
  assertUserAdmin(actor);
  const row = await repo.findUser(ctx.db, id);
  if (!row) throw notFound(`编号为 ${id} 的用户`);
  return toUserView(ctx, actor, row, await repo.listActiveAdminIds(ctx.db));
}

/**
 * Creates an account with a random one-time password that must be changed at first login; the
 * password is returned once and stored only as its hash. Works on an installation without any
 * account (the first administrator, from the command line). Audited without the password.
 */
export async function createAccount(
  ctx: AppContext,
  by: AuditActor,
  input: { username: string; displayName?: string | undefined; role: Role; scope: ScopeValue },
  naming: InputNaming,
): Promise<{ userId: number; username: string; displayName: string; scopeName: string | null; oneTimePassword: string; isFirstAccount: boolean }> {
  const username = input.username.trim().toLowerCase();
  assertUsernameFormat(username, naming);
  if (await repo.findUserIdByUsername(ctx.db, username)) throw repo.usernameTaken(username);
  const scope = await resolveScope(ctx, input.role, input.scope, naming);
  const given = input.displayName?.trim();
  if (given && given.length > 50) throw invalidInput(naming, 'displayName', '过长：显示名称不能超过 50 个字');
  const described = `${roleLabels[input.role]}${scope.name ? `（${scope.name}）` : ''}`;
  const displayName = given || (described.length <= 50 ? described : roleLabels[input.role]);
  const oneTimePassword = generateOneTimePassword(username);
  const passwordHash = await hashPassword(oneTimePassword);
  return ctx.db.transaction().execute(async (trx) => {
    const isFirstAccount = (await repo.countUsers(trx)) === 0;
    const now = ctx.clock.now();
    const userId = await repo.insertUser(trx, {
      username,
      display_name: displayName,
      role: input.role,
      ...scope.columns,
      password_hash: passwordHash,
      must_change_password: true,
      created_at: now,
      updated_at: now,
    });
    const created = await repo.findUser(trx, userId);
    await appendAuditEvent(trx, ctx.clock, by, {
      action: 'user.create',
      entityType: 'user',
      entityId: userId,
      after: { ...auditedAccount(created!), oneTimePasswordIssued: true },
    });
    return { userId, username, displayName, scopeName: scope.name, oneTimePassword, isFirstAccount };
  });
}

export async function createUser(ctx: AppContext, actor: Actor, body: CreateUserBody) {
  assertUserAdmin(actor);
  const scope = scopeValueOf(body.role, body);
  const created = await createAccount(ctx, auditActorOf(actor), { username: body.username, displayName: body.displayName, role: body.role, scope }, apiNaming);
  return { user: await getUser(ctx, actor, created.userId), oneTimePassword: created.oneTimePassword };
}

type Guard = (target: repo.UserRow, activeAdminIds: readonly number[]) => void;

/**
 * Runs one change of an account under the locks of `repo.lockForChange`: the guard sees the
 * target and the active administrators as they are once locked, and the change and its audit
 * event commit together.
 */
async function changeAccount<T>(
  ctx: AppContext,
  id: number,
  guard: Guard,
  change: (trx: Transaction<DB>, target: repo.UserRow) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const { activeAdminIds, target } = await repo.lockForChange(trx, id);
    if (!target) throw notFound(`编号为 ${id} 的用户`);
    guard(target, activeAdminIds);
    return change(trx, target);
  });
}

/** An administrator whose own account was disabled or demoted meanwhile acts no more. */
function assertStillAdmin(actor: Actor, activeAdminIds: readonly number[]): void {
  if (activeAdminIds.includes(actor.id)) return;
  throw new AppError('FORBIDDEN', '您的账户已不再是启用的市扶贫办管理员，不能管理用户账户');
}

/**
 * Gives the account a new one-time password, to be changed at its next login; ends every wait after failed logins
 * and ends every session of the account. Returns the password once; audited without it.
 */
async function resetAccountPassword(ctx: AppContext, by: AuditActor, id: number, guard: Guard): Promise<{ oneTimePassword: string; username: string }> {
  const current = await repo.findUser(ctx.db, id);
  if (!current) throw notFound(`编号为 ${id} 的用户`);
  const oneTimePassword = generateOneTimePassword(current.username);
  const passwordHash = await hashPassword(oneTimePassword);
  return changeAccount(ctx, id, guard, async (trx, target) => {
    const now = ctx.clock.now();
    await repo.updateUser(trx, id, { password_hash: passwordHash, must_change_password: true, updated_at: now });
    const sessionsEnded = await repo.endSessions(trx, id);
    const failedLoginClientsCleared = await forgetFailedLogins(ctx, target.username, trx);
    await appendAuditEvent(trx, ctx.clock, by, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      before: { mustChangePassword: target.must_change_password },
      after: { mustChangePassword: true, sessionsEnded, failedLoginClientsCleared, oneTimePasswordIssued: true },
    });
    return { oneTimePassword, username: target.username };
  });
}

/** The command line's reset, for an account named by its username (e.g. an administrator who forgot the password). */
export async function resetPasswordByUsername(ctx: AppContext, by: AuditActor, username: string): Promise<{ oneTimePassword: string; username: string }> {
  const user = await repo.findUserIdByUsername(ctx.db, username.trim().toLowerCase());
  if (!user) throw new AppError('NOT_FOUND', `用户「${username}」不存在`);
  return resetAccountPassword(ctx, by, user.id, () => undefined);
}

export async function resetUserPassword(ctx: AppContext, actor: Actor, id: number) {
  assertUserAdmin(actor);
  const { oneTimePassword } = await resetAccountPassword(ctx, auditActorOf(actor), id, (target, activeAdminIds) => {
    if (target.id === actor.id) {
      throw new AppError('RULE_VIOLATION', '不能重置自己的密码：请通过「修改密码」更改自己的密码', { rule: 'own_password_by_change', userId: target.id });
    }
    assertStillAdmin(actor, activeAdminIds);
  });
  return { user: await getUser(ctx, actor, id), oneTimePassword };
}

/** Disables an account and ends its sessions; never one's own, never the last active administrator. */
export async function disableUser(ctx: AppContext, actor: Actor, id: number) {
  assertUserAdmin(actor);
  await changeAccount(
    ctx,
    id,
    (target, activeAdminIds) => {
      assertNotOwnAccount(actor, forRules(target), '停用');
      assertNotLastActiveAdmin(forRules(target), activeAdminIds, '停用该账户');
      assertStillAdmin(actor, activeAdminIds);
      if (!target.is_active) throw new AppError('INVALID_STATE', `用户「${target.username}」已是停用状态`);
    },
    async (trx, target) => {
      await repo.updateUser(trx, id, { is_active: false, updated_at: ctx.clock.now() });
      const sessionsEnded = await repo.endSessions(trx, id);
      await appendAuditEvent(trx, ctx.clock, auditActorOf(actor), {
        action: 'user.disable',
        entityType: 'user',
        entityId: id,
        before: { username: target.username, isActive: true },
        after: { username: target.username, isActive: false, sessionsEnded },
      });
    },
  );
  return { user: await getUser(ctx, actor, id) };
}

/** Enables a disabled account again; its password is unchanged (reset it if it was forgotten). */
export async function enableUser(ctx: AppContext, actor: Actor, id: number) {
  assertUserAdmin(actor);
  await changeAccount(
    ctx,
    id,
    (target, activeAdminIds) => {
      assertStillAdmin(actor, activeAdminIds);
      if (target.is_active) throw new AppError('INVALID_STATE', `用户「${target.username}」已是启用状态`);
    },
    async (trx, target) => {
      await repo.updateUser(trx, id, { is_active: true, updated_at: ctx.clock.now() });
      await appendAuditEvent(trx, ctx.clock, auditActorOf(actor), {
        action: 'user.enable',
        entityType: 'user',
        entityId: id,
        before: { username: target.username, isActive: false },
        after: { username: target.username, isActive: true },
      });
    },
  );
  return { user: await getUser(ctx, actor, id) };
}

/**
 * Changes an account's role and scope by the same scope rules as creation; never one's own
 * account, and the last active administrator keeps the administrator's role.
 */
export async function changeUserRole(ctx: AppContext, actor: Actor, id: number, body: ChangeRoleBody) {
  assertUserAdmin(actor);
  const scope = await resolveScope(ctx, body.role, scopeValueOf(body.role, body), apiNaming);
  await changeAccount(
    ctx,
    id,
    (target, activeAdminIds) => {
      assertNotOwnAccount(actor, forRules(target), '更改');
      if (body.role !== 'office_admin') assertNotLastActiveAdmin(forRules(target), activeAdminIds, `将该账户改为「${roleLabels[body.role]}」`);
      assertStillAdmin(actor, activeAdminIds);
      const isUnchanged =
        target.role === body.role &&
        target.assessment_unit_code === scope.columns.assessment_unit_code &&
        target.town_code === scope.columns.town_code &&
        target.unit_id === scope.columns.unit_id &&
        target.person_id === scope.columns.person_id;
      if (isUnchanged) throw new AppError('VALIDATION_FAILED', '角色和范围与现状相同，无需更改', { fields: [{ field: 'role', message: '与现状相同' }] });
    },
    async (trx, target) => {
      await repo.updateUser(trx, id, { role: body.role, ...scope.columns, updated_at: ctx.clock.now() });
      const pick = (row: Pick<repo.UserRow, 'role' | keyof repo.ScopeColumns>) => ({
        role: row.role,
        assessmentUnitCode: row.assessment_unit_code,
        townCode: row.town_code,
        unitId: row.unit_id,
        personId: row.person_id,
      });
      await appendAuditEvent(trx, ctx.clock, auditActorOf(actor), {
        action: 'user.change_role',
        entityType: 'user',
        entityId: id,
        before: { username: target.username, ...pick(target) },
        after: { username: target.username, ...pick({ role: body.role, ...scope.columns }) },
      });
    },
  );
  return { user: await getUser(ctx, actor, id) };
}
