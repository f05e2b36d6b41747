import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';
import type { Role } from '../auth/api';

export type UserAction = 'disable' | 'enable' | 'resetPassword' | 'changeRole';
export type ScopeField = 'assessmentUnitCode' | 'townCode' | 'unitId' | 'personId';
export type ScopeKind = 'city' | 'assessment_unit' | 'town' | 'unit' | 'person';

export interface ManagedUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  scope: { kind: ScopeKind; code: string | null; name: string };
  scopeFields: { assessmentUnitCode: string | null; townCode: string | null; unitId: number | null; personId: number | null };
  isActive: boolean;
  mustChangePassword: boolean;
  /** Some device or address must wait after failed logins on this account. */
  isLoginWaiting: boolean;
  loginWaitUntil: string | null;
  isSelf: boolean;
  createdAt: string;
  updatedAt: string;
  actions: UserAction[];
}

/** Which scope a role takes; the rule is the server's (users.policy). */
export interface RoleRule {
  role: Role;
  label: string;
  scopeField: ScopeField | null;
  isScopeRequired: boolean;
  scopeLabel: string;
  /** What the scope gives the account, shown under its picker. */
  scopeMeaning: string;
}

export interface UserFilter {
  q: string;
  role: Role | undefined;
  /** `city`, `assessment_unit:HD`, `town:441323118`, `unit:12`. */
  scope: string | undefined;
  isActive: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

export interface UserPage {
  items: ManagedUser[];
  total: number;
  page: number;
  pageSize: number;
}

export type ScopeInput = Partial<Record<ScopeField, string | number | null>>;
export interface CreateUserInput extends ScopeInput {
  username: string;
  displayName?: string;
  role: Role;
}
export interface ChangeRoleInput extends ScopeInput {
  role: Role;
}

export const userKeys = {
  all: ['users'] as const,
  list: (filter: UserFilter) => ['users', 'list', filter] as const,
  roles: ['users', 'roles'] as const,
};

function listQuery(filter: UserFilter) {
  return { q: filter.q, role: filter.role, scope: filter.scope, isActive: filter.isActive, page: filter.page, pageSize: filter.pageSize };
}

/** One page of accounts; the server filters and counts. */
export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: userKeys.list(filter),
    queryFn: ({ signal }) => apiRequest<UserPage>('/api/users', { query: listQuery(filter), signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every account matching the filter, page by page, for the CSV export. */
export async function fetchAllUsers(filter: UserFilter): Promise<ManagedUser[]> {
  const pageSize = 500;
  const items: ManagedUser[] = [];
  for (let page = 1; ; page += 1) {
    const result = await apiRequest<UserPage>('/api/users', { query: listQuery({ ...filter, page, pageSize }) });
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) return items;
  }
}

export function useRoleRules() {
  return useQuery({
    queryKey: userKeys.roles,
    queryFn: ({ signal }) => apiRequest<{ items: RoleRule[] }>('/api/users/roles', { signal }),
    staleTime: Infinity,
  });
}

/** Creates an account; the one-time password comes back once, here. */
export function createUser(input: CreateUserInput): Promise<{ user: ManagedUser; oneTimePassword: string }> {
  return apiRequest('/api/users', { method: 'POST', body: input });
}

export function disableUser(id: number): Promise<{ user: ManagedUser }> {
  return apiRequest(`/api/users/${id}/disable`, { method: 'POST', body: {} });
}

export function enableUser(id: number): Promise<{ user: ManagedUser }> {
  return apiRequest(`/api/users/${id}/enable`, { method: 'POST', body: {} });
}

/** A new one-time password for the account, returned once; its sessions end. */
export function resetUserPassword(id: number): Promise<{ user: ManagedUser; oneTimePassword: string }> {
  return apiRequest(`/api/users/${id}/reset-password`, { method: 'POST', body: {} });
}

export function changeUserRole(id: number, input: ChangeRoleInput): Promise<{ user: ManagedUser }> {
  return apiRequest(`/api/users/${id}/change-role`, { method: 'POST', body: input });
}
