import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export type ProblemStatus =
  | 'open'
  | 'in_progress'
  | 'reported'
  | 'verified'
  | 'returned'
  | 'extension_requested'
  | 'extension_granted'
  | 'transferred';
export const problemStatuses: readonly ProblemStatus[] = [
  'open',
  'in_progress',
  'reported',
  'verified',
  'returned',
  'extension_requested',
  'extension_granted',
  'transferred',
];

export type RectificationAction = 'start' | 'submit' | 'verify' | 'return' | 'requestExtension' | 'grantExtension' | 'refuseExtension';

export interface Problem {
  id: number;
  source: 'inspection' | 'supervision' | 'complaint' | 'assessment';
  sourceLabel: string;
  inspectionId: number | null;
  inspectionTitle: string | null;
  category: string;
  categoryLabel: string;
  checklistItem: { id: number; code: string | null; title: string | null } | null;
  responsibleUnitCode: string;
  responsibleUnitName: string;
  description: string;
  evidence: string;
  severity: 'general' | 'serious';
  requirement: string;
  notifiedOn: string | null;
  deadline: string | null;
  daysLeft: number | null;
  isOverdue: boolean;
  measures: string | null;
  rectificationEvidence: string | null;
  reportedAt: string | null;
  extensionReason: string | null;
  requestedDeadline: string | null;
  verifiedByName: string | null;
  verifiedAt: string | null;
  verificationNote: string | null;
  returnReason: string | null;
  status: ProblemStatus;
  statusLabel: string;
  isFixed: boolean;
  actions: RectificationAction[];
}

export interface LedgerFilter {
  unitCode?: string;
  status?: ProblemStatus;
  overdue?: boolean;
  inspectionId?: string;
}

export interface LedgerSummaryRow {
  unitCode: string;
  unitName: string;
  total: number;
  notNotified: number;
  unresolved: number;
  awaitingVerification: number;
  overdue: number;
  verified: number;
}

export const rectificationKeys = {
  all: ['rectifications'] as const,
  list: (filter: LedgerFilter) => ['rectifications', 'list', filter] as const,
  summary: ['rectifications', 'summary'] as const,
};

/** The problems of the ledger the user may see, filtered by county, status and overdue. */
export function useLedger(filter: LedgerFilter) {
  return useQuery({
    queryKey: rectificationKeys.list(filter),
    queryFn: ({ signal }) =>
      apiRequest<{ today: string; items: Problem[] }>('/api/rectifications', {
        query: { unitCode: filter.unitCode, status: filter.status, overdue: filter.overdue, inspectionId: filter.inspectionId },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Open, overdue and verified problems per county, for the office and the city. */
export function useLedgerSummary(enabled: boolean) {
  return useQuery({
    queryKey: rectificationKeys.summary,
    queryFn: ({ signal }) => apiRequest<{ today: string; items: LedgerSummaryRow[] }>('/api/rectifications/summary', { signal }),
    enabled,
  });
}

const actionPaths: Record<RectificationAction, string> = {
  start: 'start',
  submit: 'submit',
  verify: 'verify',
  return: 'return',
  requestExtension: 'request-extension',
  grantExtension: 'grant-extension',
  refuseExtension: 'refuse-extension',
};

/** Takes one action on a problem; 409 when someone else acted first. */
export function actOnProblem(id: number, action: RectificationAction, body: Record<string, unknown>): Promise<{ problem: Problem }> {
  return apiRequest(`/api/rectifications/${id}/${actionPaths[action]}`, { method: 'POST', body });
}
