import type { RecordMethod } from '../findings/methods';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';
import type { Rank } from '../people/api';
import type { IssuedDocument } from '../documents/api';

export type InspectionStatus =
  | 'proposed'
  | 'approved'
  | 'rejected'
  | 'team_formed'
  | 'in_field'
  | 'report_submitted'
  | 'feedback_issued'
  | 'closed';
export const inspectionStatuses: readonly InspectionStatus[] = [
  'proposed',
  'approved',
  'rejected',
  'team_formed',
  'in_field',
  'report_submitted',
  'feedback_issued',
  'closed',
];

export type InspectionAction =
  | 'approve'
  | 'reject'
  | 'formTeam'
  | 'startFieldWork'
  | 'submitReport'
  | 'issueFeedback'
  | 'close'
  | 'addRecord'
  | 'recordFinding'
  | 'addRecommendation';


export interface Inspection {
  id: number;
  year: number;
  title: string;
  assessmentUnitCode: string;
  assessmentUnitName: string;
  countyName: string;
  reason: string;
  plan: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  rectificationMonths: number;
  /** 督14: the lowest rank the team leader may hold, by the parameters of the inspection's year (参数配置). */
  leaderMinimumRank: 'bureau' | 'division' | 'section';
  leaderMinimumRankLabel: string;
  status: InspectionStatus;
  statusLabel: string;
  proposedByName: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  report: string | null;
  reportSubmittedAt: string | null;
  feedbackDate: string | null;
  feedbackText: string | null;
  rectificationDeadline: string | null;
  closedAt: string | null;
  problemCount: number;
  myTeamRole: 'leader' | 'member' | null;
  actions: InspectionAction[];
}

export interface ChecklistRef {
  id: number;
  code: string | null;
  title: string | null;
}

export interface TeamMember {
  personId: number;
  name: string;
  unitName: string;
  post: string;
  rank: Rank;
  rankLabel: string;
  role: 'leader' | 'member';
  roleLabel: string;
}

export interface InspectionDetail {
  inspection: Inspection;
  team: { id: number; name: string; formedAt: string; formedByName: string; members: TeamMember[] } | null;
  records: {
    id: number;
    method: RecordMethod;
    methodLabel: string;
    recordDate: string;
    place: string;
    participants: string;
    notes: string;
    checklistItem: ChecklistRef | null;
    recordedByName: string;
  }[];
  findings: {
    id: number;
    category: string;
    categoryLabel: string;
    checklistItem: ChecklistRef | null;
    description: string;
    evidence: string;
    severity: 'general' | 'serious';
    requirement: string;
    deadline: string | null;
    status: string;
    recordedByName: string;
  }[];
  recommendations: { id: number; problem: string; recommendation: string; issuedByName: string; issuedAt: string }[];
  documents: IssuedDocument[];
}

export interface ChecklistItem {
  id: number;
  year: number;
  category: string;
  categoryLabel: string;
  code: string;
  title: string;
}

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: (status: InspectionStatus | undefined) => ['inspections', 'list', status ?? 'all'] as const,
  detail: (id: string) => ['inspections', 'detail', id] as const,
};

/** Inspections the user may see, optionally of one status. */
export function useInspections(status: InspectionStatus | undefined) {
  return useQuery({
    queryKey: inspectionKeys.list(status),
    queryFn: ({ signal }) => apiRequest<{ items: Inspection[] }>('/api/inspections', { query: { status }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One inspection with its team, working papers, findings and what the user may do next. */
export function useInspection(id: string | undefined) {
  return useQuery({
    queryKey: inspectionKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiRequest<InspectionDetail>(`/api/inspections/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

/** The 责任清单 of 督15 that applies to a year. */
export function useChecklist(year: number | undefined) {
  return useQuery({
    queryKey: ['checklist-items', year ?? 0],
    queryFn: ({ signal }) => apiRequest<{ items: ChecklistItem[] }>('/api/checklist-items', { query: { year }, signal }),
    enabled: year !== undefined,
    staleTime: 10 * 60_000,
  });
}

export interface ProposeInput {
  year: number;
  title: string;
  assessmentUnitCode: string;
  reason: string;
  plan?: string;
  plannedStart?: string;
  plannedEnd?: string;
}

export function proposeInspection(input: ProposeInput): Promise<InspectionDetail> {
  return apiRequest('/api/inspections', { method: 'POST', body: input });
}

const actionPaths: Record<InspectionAction, string> = {
  approve: 'approve',
  reject: 'reject',
  formTeam: 'form-team',
  startFieldWork: 'start-field-work',
  submitReport: 'submit-report',
  issueFeedback: 'issue-feedback',
  close: 'close',
  addRecord: 'records',
  recordFinding: 'findings',
  addRecommendation: 'recommendations',
};

/** Takes one action on an inspection; the body is the action's form. */
export function actOnInspection(id: number, action: InspectionAction, body: Record<string, unknown>): Promise<InspectionDetail> {
  return apiRequest(`/api/inspections/${id}/${actionPaths[action]}`, { method: 'POST', body });
}

/** A draft of the written report generated by the server from the records and findings. */
export function fetchReportDraft(id: number): Promise<{ draft: string }> {
  return apiRequest(`/api/inspections/${id}/report-draft`);
}
