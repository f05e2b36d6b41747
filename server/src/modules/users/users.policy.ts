import type { Role } from '../../db/schema.ts';
import { assertRole, roleLabels, type Actor } from '../../kernel/access.ts';
import { AppError } from '../../kernel/errors.ts';

/** Who manages accounts: the city office's administrator, city-wide (there is no out-of-scope user). */
export const userAdminRoles: readonly Role[] = ['office_admin'];

export function assertUserAdmin(actor: Pick<Actor, 'role'>): void {
  assertRole(actor, userAdminRoles, '管理用户账户（仅市扶贫办管理员可以）');
}

/** The column of `users` that holds a role's scope. */
export type ScopeField = 'assessmentUnitCode' | 'townCode' | 'unitId' | 'personId';
export const scopeFields: readonly ScopeField[] = ['assessmentUnitCode', 'townCode', 'unitId', 'personId'];

/** `hint` says how to name the scope when typing it (the command line); `meaning` what it gives the account. */
export type ScopeRule = { field: ScopeField | null; isRequired: boolean; label: string; hint: string; meaning: string };

const noScope: ScopeRule = { field: null, isRequired: false, label: '全市', hint: '不设范围（全市）', meaning: '全市' };

/**
 * What scope each role takes: a county liaison one assessment unit, a town liaison one town, an
 * assistance unit's liaison one unit; a team role may act as a person on the roster, whose team
 * memberships give them their teams' work; a third party may be assigned one assessment unit
 * (考7(3)), else it evaluates the whole city. The database CHECKs of `users` hold the same rule.
 */
export const scopeRules: Record<Role, ScopeRule> = {
  office_admin: noScope,
  office_staff: noScope,
  city_leader: noScope,
  leading_group: noScope,
  org_dept: noScope,
  discipline: noScope,
  county_user: { field: 'assessmentUnitCode', isRequired: true, label: '考核单位', hint: '考核单位的代码如 HD、名称如 惠东县，或县级区划代码如 441323', meaning: '只能看到本考核单位所辖镇（街道）和村（居）的记录' },
  town_user: { field: 'townCode', isRequired: true, label: '镇（街道）', hint: '镇（街道）的 9 位区划代码，如 441323118 高潭镇', meaning: '只能看到本镇（街道）及其村（居）的记录' },
  assist_unit_user: { field: 'unitId', isRequired: true, label: '帮扶单位', hint: '单位的编号或全称', meaning: '只能看到本单位的记录' },
  team_leader: { field: 'personId', isRequired: false, label: '名册人员', hint: '名册人员的编号 people.id，其所在督查组、巡查组的工作即其工作', meaning: '其所在督查组、巡查组的工作即其工作；不关联则看不到任何组的工作' },
  team_member: { field: 'personId', isRequired: false, label: '名册人员', hint: '名册人员的编号 people.id，其所在督查组、巡查组的工作即其工作', meaning: '其所在督查组、巡查组的工作即其工作；不关联则看不到任何组的工作' },
  third_party: { field: 'assessmentUnitCode', isRequired: false, label: '受托评估的考核单位', hint: '考核单位的代码、名称或县级区划代码，不指定即全市', meaning: '只评估该考核单位的数据；不指定即全市' },
};

/** The account as the rules below need it. */
export type UserForRules = { id: number; role: Role; isActive: boolean };

function isLastActiveAdmin(target: UserForRules, activeAdminIds: readonly number[]): boolean {
  return target.role === 'office_admin' && target.isActive && activeAdminIds.length <= 1 && activeAdminIds.includes(target.id);
}

/** A user never raises their own rights: nobody changes their own role or scope, nor disables themselves. */
export function assertNotOwnAccount(actor: Pick<Actor, 'id'>, target: UserForRules, what: string): void {
  if (actor.id !== target.id) return;
  throw new AppError('RULE_VIOLATION', `不能${what}自己的账户：用户不得更改自己的角色、范围或启用状态，请由另一位管理员办理`, {
    rule: 'no_self_change',
    userId: target.id,
  });
}

/** The office never locks itself out: the last active 市扶贫办管理员 is neither disabled nor given another role. */
export function assertNotLastActiveAdmin(target: UserForRules, activeAdminIds: readonly number[], what: string): void {
  if (!isLastActiveAdmin(target, activeAdminIds)) return;
  throw new AppError('RULE_VIOLATION', `不能${what}：这是最后一个启用的${roleLabels.office_admin}账户，否则将无人能管理用户。请先创建或启用另一位管理员`, {
    rule: 'last_active_admin',
    userId: target.id,
  });
}

export type UserAction = 'disable' | 'enable' | 'resetPassword' | 'changeRole';

/**
 * The actions the actor may take on this account, which the UI shows as buttons: none on one's own
 * account (a password of one's own is changed through 修改密码), and neither disabling nor another
 * role for the last active administrator.
 */
export function availableUserActions(actor: Pick<Actor, 'id' | 'role'>, target: UserForRules, activeAdminIds: readonly number[]): UserAction[] {
  if (!userAdminRoles.includes(actor.role) || actor.id === target.id) return [];
  const isLast = isLastActiveAdmin(target, activeAdminIds);
  const actions: UserAction[] = [];
  if (target.isActive && !isLast) actions.push('disable');
  if (!target.isActive) actions.push('enable');
  actions.push('resetPassword');
  if (!isLast) actions.push('changeRole');
  return actions;
}
