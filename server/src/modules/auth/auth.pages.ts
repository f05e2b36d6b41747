import type { Role } from '../../db/schema.ts';
import { roles } from '../../kernel/access.ts';
import { auditReaderRoles } from '../audit/audit.service.ts';
import { complaintReaderRoles } from '../complaints/complaints.policy.ts';
import { cityWideInspectionReaders } from '../inspections/inspections.policy.ts';
import { parameterReaderRoles } from '../parameters/parameters.policy.ts';
import { changeRequestReaderRoles } from '../people/people.policy.ts';
import { snapshotReaderRoles } from '../registry/registry.policy.ts';
import { summaryReaders } from '../summaries/summaries.policy.ts';
import { cityWideSupervisionReaders } from '../supervisions/supervisions.policy.ts';
import { transferReaderRoles } from '../transfers/transfers.policy.ts';
import { userAdminRoles } from '../users/users.policy.ts';

/*
 * Which of the web's pages each role may open, decided here from the modules' own reader lists, so the menu and the
 * page guards never hold a second copy of them. The server still refuses the data itself; a page missing from the
 * list is a page whose data the role would be refused.
 */

const teamRoles: readonly Role[] = ['team_leader', 'team_member'];
/** The supervised parties' and the teams' own supervisions (the office and the city read the plans instead). */
const supervisionWorkRoles: readonly Role[] = [...teamRoles, 'county_user', 'assist_unit_user'];
/** Inspections: the city-wide readers, the teams on them, and the inspected county. */
const inspectionPageRoles: readonly Role[] = [...cityWideInspectionReaders, ...teamRoles, 'county_user'];

export const pageReaders = {
  home: roles,
  regions: roles,
  assessmentUnits: roles,
  units: roles,
  people: roles,
  supervisions: cityWideSupervisionReaders,
  supervisionWork: supervisionWorkRoles,
  summaries: summaryReaders,
  checklists: inspectionPageRoles,
  inspections: inspectionPageRoles,
  // The ledger: everyone of the inspections, and an assistance unit for the problems of its own supervision (督12).
  rectifications: [...inspectionPageRoles, 'assist_unit_user'],
  complaints: complaintReaderRoles,
  transfers: transferReaderRoles,
  households: roles,
  registrySummary: roles,
  signals: roles,
  registryImport: ['office_admin', 'office_staff'],
  snapshots: snapshotReaderRoles,
  changeRequests: changeRequestReaderRoles,
  audit: auditReaderRoles,
  users: userAdminRoles,
  parameters: parameterReaderRoles,
} as const satisfies Record<string, readonly Role[]>;

export type PageKey = keyof typeof pageReaders;

export const pageKeys = Object.keys(pageReaders) as PageKey[];

/** The pages this role may open, in menu order. */
export function pagesOf(role: Role): PageKey[] {
  return pageKeys.filter((page) => (pageReaders[page] as readonly Role[]).includes(role));
}
