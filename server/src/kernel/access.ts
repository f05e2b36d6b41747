import type { Role } from '../db/schema.ts';
import { AppError } from './errors.ts';

export const roleLabels: Record<Role, string> = {
  office_admin: '市扶贫办管理员',
  office_staff: '市扶贫办工作人员',
  city_leader: '市委/市政府领导',
  leading_group: '市扶贫开发领导小组成员',
  org_dept: '市委组织部',
  team_leader: '督查/巡查组组长',
  team_member: '督查/巡查组成员',
  county_user: '县（区）联络员',
  town_user: '镇（街道）联络员',
  assist_unit_user: '帮扶单位联络员',
  third_party: '第三方评估机构',
  discipline: '纪检监察联络员',
};

export const roles = Object.keys(roleLabels) as Role[];

export const officeRoles: readonly Role[] = ['office_admin', 'office_staff'];

/** Where a user's view of records ends: the whole city, one assessment unit's towns, one town, or one unit. */
export type Scope =
  | { kind: 'city'; code: null; name: string }
  | { kind: 'assessment_unit'; code: string; name: string }
  | { kind: 'town'; code: string; name: string }
  | { kind: 'unit'; code: string; unitId: number; name: string };

export type Actor = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
};

export function isOfficeRole(actor: Pick<Actor, 'role'>): boolean {
  return officeRoles.includes(actor.role);
}

/** Throws FORBIDDEN unless the actor holds one of the roles; the message names what was refused. */
export function assertRole(actor: Pick<Actor, 'role'>, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `您的角色（${roleLabels[actor.role]}）无权${what}`, { role: actor.role, allowed });
  }
}
