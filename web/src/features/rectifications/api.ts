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
  supervisionId: number | null;
  supervisionTopic: string | null;
  category: string;
  categoryLabel: string;
  checklistItem: { id: number; code: string | null; title: string | null } | null;
  /** Null for an assistance unit's problem (a supervision of the unit, 督12). */
  responsibleUnitCode: string | null;
  responsibleUnitName: string;
  description: string;
  evidence: string;
  severity: 'general' | 'serious';
  requirement: string;
  notifiedOn: string | null;
  deadline: string | null;
  daysLeft: number | null;
  isOverdue: boolean;
  /** Days past the deadline while overdue, else 0. */
  overdueDays: number;
  /** Days a reported problem has waited for the office's verification; null unless reported. */
  awaitingVerificationDays: number | null;
  /** 督18: 0 none, 1 逾期督办, 2 reported to 市委市政府; kept as history once resolved. */
  escalationLevel: 0 | 1 | 2;
  /** The escalation as shown — null once the problem is resolved (verified or transferred). */
  escalationLabel: string | null;
  escalatedAt: string | null;
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
  /** An assistance unit responsible for its own problems (supervision of an assistance unit). */
  unitId?: string;
  status?: ProblemStatus;
  overdue?: boolean;
  inspectionId?: string;
  escalated?: EscalationLevel;
}

export type EscalationLevel = 1 | 2;
export const escalationLevels: readonly EscalationLevel[] = [1, 2];

/** A problem reported to 市委市政府 (escalation level 2) and not yet resolved. */
export interface EscalatedProblem {
  id: number;
  responsibleUnitCode: string | null;
  responsibleUnitName: string;
  categoryLabel: string;
  description: string;
  deadline: string;
  overdueDays: number;
  escalationLabel: string;
  escalatedAt: string;
  status: ProblemStatus;
  statusLabel: string;
}

export interface LedgerSummaryRow {
  kind: 'assessment_unit' | 'assistance_unit';
  unitCode: string | null;
  unitId: number | null;
  unitName: string;
  total: number;
  notNotified: number;
  unresolved: number;
  awaitingVerification: number;
  overdue: number;
  verified: number;
  escalated: number;
  reportedToCity: number;
}

export const rectificationKeys = {
  all: ['rectifications'] as const,
  list: (filter: LedgerFilter) => ['rectifications', 'list', filter] as const,
  summary: ['rectifications', 'summary'] as const,
  escalated: ['rectifications', 'escalated'] as const,
};

/** The problems of the ledger the user may see, filtered by county, status and overdue. */
/** The ledger as XLSX (整改台账), with the filters the server's export takes. */
export function ledgerWorkbookUrl(filter: LedgerFilter): string {
  const query = new URLSearchParams();
  if (filter.unitCode) query.set('unitCode', filter.unitCode);
  if (filter.status) query.set('status', filter.status);
  if (filter.overdue !== undefined) query.set('overdue', String(filter.overdue));
  if (filter.inspectionId) query.set('inspectionId', String(filter.inspectionId));
  const text = query.toString();
  return `/api/documents/rectifications/ledger.xlsx${text ? `?${text}` : ''}`;
}

export function useLedger(filter: LedgerFilter) {
  return useQuery({
    queryKey: rectificationKeys.list(filter),
    queryFn: ({ signal }) =>
      apiRequest<{ today: string; items: Problem[] }>('/api/rectifications', {
        query: { unitCode: filter.unitCode, unitId: filter.unitId, status: filter.status, overdue: filter.overdue, inspectionId: filter.inspectionId, escalated: filter.escalated },
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

/** The unresolved problems reported to 市委市政府 (督18), for the city leaders and the office. */
export function useEscalatedProblems(enabled: boolean) {
  return useQuery({
    queryKey: rectificationKeys.escalated,
    queryFn: ({ signal }) => apiRequest<{ today: string; items: EscalatedProblem[] }>('/api/problems/escalated', { signal }),
    enabled,
  });
}

/** The office's 「立即检查逾期」: escalates what is overdue now; returns how many reached each level. */
export function escalateOverdueProblems(): Promise<{ today: string; escalated: { level1: number; level2: number } }> {
  return apiRequest('/api/problems/escalate', { method: 'POST', body: {} });
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
