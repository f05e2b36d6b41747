import type { Location } from 'react-router';

/** What the login page is told when a signed-out user is sent to it. */
export interface LoginRedirectState {
  from?: string;
}

/** The in-app address to return to after signing in, from the location the user was sent away from. */
export function returnPathFrom(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as LoginRedirectState).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login') return from;
  }
  return '/';
}

/** The state to pass when sending the user at `location` to the login page. */
export function loginRedirectState(location: Location): LoginRedirectState {
  return { from: `${location.pathname}${location.search}` };
}
