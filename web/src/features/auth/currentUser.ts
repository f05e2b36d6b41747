import { createContext, useContext } from 'react';
import type { SessionUser } from './api';

/** Provided by the signed-in layout, so pages never handle a missing user. */
export const CurrentUserContext = createContext<SessionUser | null>(null);

/** The signed-in user; only valid below the signed-in layout. */
export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used below the signed-in layout');
  return user;
}
