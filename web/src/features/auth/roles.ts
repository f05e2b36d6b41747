import type { Role } from './api';

const officeRoles: readonly Role[] = ['office_admin', 'office_staff'];

/** True for the city poverty-alleviation office (市扶贫办), which approves and audits. */
export function isOfficeRole(role: Role): boolean {
  return officeRoles.includes(role);
}
