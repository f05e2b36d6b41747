import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.ts';
import { roles } from '../../kernel/access.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertNotLastActiveAdmin, assertNotOwnAccount, assertUserAdmin, availableUserActions, scopeRules } from './users.policy.ts';

const admin = { id: 1, role: 'office_admin' as Role };

describe('who may do what to an account', () => {
  it.each([
    ['another active county user', { id: 5, role: 'county_user' as Role, isActive: true }, [1, 2], ['disable', 'resetPassword', 'changeRole']],
    ['a disabled account', { id: 5, role: 'county_user' as Role, isActive: false }, [1, 2], ['enable', 'resetPassword', 'changeRole']],
    ['another administrator while two are active', { id: 2, role: 'office_admin' as Role, isActive: true }, [1, 2], ['disable', 'resetPassword', 'changeRole']],
    ['the last active administrator', { id: 2, role: 'office_admin' as Role, isActive: true }, [2], ['resetPassword']],
    ['a disabled administrator', { id: 3, role: 'office_admin' as Role, isActive: false }, [1], ['enable', 'resetPassword', 'changeRole']],
    ['their own account', { id: 1, role: 'office_admin' as Role, isActive: true }, [1, 2], []],
  ])('an administrator on %s', (_case, target, activeAdminIds, expected) => {
    expect(availableUserActions(admin, target, activeAdminIds)).toEqual(expected);
  });

  it('offers nothing to anyone but the administrator, and refuses them naming the role', () => {
    for (const role of roles.filter((candidate) => candidate !== 'office_admin')) {
      expect(availableUserActions({ id: 9, role }, { id: 5, role: 'county_user', isActive: true }, [1])).toEqual([]);
      expect(() => assertUserAdmin({ role })).toThrow(AppError);
    }
    expect(() => assertUserAdmin({ role: 'office_staff' })).toThrow(/市扶贫办工作人员/);
  });

  it('refuses to disable or demote the last active administrator, naming the rule', () => {
    const last = { id: 2, role: 'office_admin' as Role, isActive: true };
    expect(() => assertNotLastActiveAdmin(last, [2], '停用该账户')).toThrow(/不能停用该账户：这是最后一个启用的市扶贫办管理员账户/);
    expect(() => assertNotLastActiveAdmin(last, [1, 2], '停用该账户')).not.toThrow();
    expect(() => assertNotLastActiveAdmin({ ...last, role: 'office_staff' }, [1], '停用该账户')).not.toThrow();
  });

  it('refuses a change of one’s own account', () => {
    expect(() => assertNotOwnAccount({ id: 1 }, { id: 1, role: 'office_admin', isActive: true }, '更改')).toThrow(/不能更改自己的账户/);
    expect(() => assertNotOwnAccount({ id: 1 }, { id: 2, role: 'office_admin', isActive: true }, '更改')).not.toThrow();
  });

  it('requires a scope exactly where the database CHECKs of users require one', () => {
    const required = roles.filter((role) => scopeRules[role].isRequired);
    expect(required.sort()).toEqual(['assist_unit_user', 'county_user', 'town_user']);
  });
});
