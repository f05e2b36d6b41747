import { useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest, rememberCsrfToken } from '../../app/api';

export type Role =
  | 'office_admin'
  | 'office_staff'
  | 'city_leader'
  | 'leading_group'
  | 'org_dept'
  | 'team_leader'
  | 'team_member'
  | 'county_user'
  | 'town_user'
  | 'assist_unit_user'
  | 'third_party'
  | 'discipline';

export interface UserScope {
  kind: 'city' | 'assessment_unit' | 'town' | 'unit';
  code: string | null;
  name: string;
}

export interface SessionUser {
  id: number | string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  scope: UserScope;
  mustChangePassword: boolean;
  /** The pages this user may open, decided by the server (`auth.pages.ts`). */
  pages: string[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface Credentials {
  username: string;
  password: string;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

export const sessionQueryKey = ['session'] as const;

/** The signed-in session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await apiRequest<Session>('/api/auth/me', { expectsUnauthenticated: true });
    rememberCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The session query; data is null when signed out and undefined while first loading. */
export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: Infinity });
}

/** Signs in; the server sets the session and CSRF cookies. */
export async function login(credentials: Credentials): Promise<Session> {
  const session = await apiRequest<Session>('/api/auth/login', {
    method: 'POST',
    body: credentials,
    expectsUnauthenticated: true,
  });
  rememberCsrfToken(session.csrfToken);
  return session;
}

/** Ends the session on the server. */
export async function logout(): Promise<void> {
  await apiRequest<void>('/api/auth/logout', { method: 'POST', expectsUnauthenticated: true });
  rememberCsrfToken(null);
}

/** Changes the signed-in user's password. */
export function changePassword(change: PasswordChange): Promise<void> {
  return apiRequest<void>('/api/auth/password', { method: 'POST', body: change });
}

export interface DemoAccounts {
  password: string | null;
  items: { username: string; displayName: string; roleLabel: string }[];
}

/** The demo accounts the server offers (none when demo data is switched off). */
export function useDemoAccounts() {
  return useQuery({ queryKey: ['demo-accounts'], queryFn: () => apiRequest<DemoAccounts>('/api/auth/demo-accounts'), staleTime: Infinity });
}
