import type { RecordMethod } from '../findings/methods';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';
import type { IssuedDocument } from '../documents/api';

export type SupervisionType = 'comprehensive' | 'special';
export const supervisionTypes: readonly SupervisionType[] = ['comprehensive', 'special'];
export type SupervisionStatus = 'proposed' | 'approved' | 'team_formed' | 'in_field' | 'report_submitted' | 'result_notified' | 'closed';
export type SupervisionWorkflowAction = 'approve' | 'formTeam' | 'startFieldWork' | 'submitReport' | 'notifyResult' | 'close';
/** Workflow actions, and the additions to the schedule and working papers the server allows now. */
export type SupervisionAction = SupervisionWorkflowAction | 'planVisit' | 'addRecord' | 'recordFinding';
export const workflowActions: readonly SupervisionAction[] = ['approve', 'formTeam', 'startFieldWork', 'submitReport', 'notifyResult', 'close'];


export interface SupervisionPlan {
  id: number;
  year: number;
  title: string;
  status: 'draft' | 'approved';
  statusLabel: string;
  createdByName: string;
  approvedByName: string | null;
  approvedAt: string | null;
  supervisionCount: number;
  actions: ('approve' | 'propose')[];
}

export interface Supervision {
  id: number;
  planId: number;
  year: number;
  /** 督12 sets no period: the months of the year's parameters (参数配置), unless the office names a deadline. */
  defaultRectificationMonths: number;
  type: SupervisionType;
  typeLabel: string;
  target: { kind: 'assessment_unit' | 'assistance_unit'; assessmentUnitCode: string | null; unitId: number | null; name: string; countyCode: string | null; countyName: string | null };
  topic: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  status: SupervisionStatus;
  statusLabel: string;
  report: string | null;
  reportSubmittedAt: string | null;
  resultNotifiedOn: string | null;
  resultText: string | null;
  rectificationDeadline: string | null;
  resultNotifiedByName: string | null;
  myTeamRole: 'leader' | 'member' | null;
  actions: SupervisionAction[];
}

export interface SupervisionDetail {
  supervision: Supervision;
  team: { personId: number; name: string; unitName: string; post: string; role: 'leader' | 'member'; roleLabel: string }[];
  visits: {
    id: number;
    method: RecordMethod;
    methodLabel: string;
    isUnannounced: boolean;
    isSealed: boolean;
    plannedOn: string;
    targetRegionCode: string | null;
    targetRegionName: string | null;
    targetDescription: string;
    recordId: number | null;
    recordDate: string | null;
    createdByName: string;
    canRecord: boolean;
  }[];
  records: {
    id: number;
    method: RecordMethod;
    methodLabel: string;
    recordDate: string;
    place: string;
    participants: string;
    notes: string;
    checklistItem: { id: number; code: string | null; title: string | null } | null;
    recordedByName: string;
  }[];
  findings: {
    id: number;
    category: string;
    categoryLabel: string;
    checklistItem: { id: number; code: string | null; title: string | null } | null;
    description: string;
    evidence: string;
    severity: 'general' | 'serious';
    requirement: string;
    notifiedOn: string | null;
    deadline: string | null;
    status: string;
    recordedByName: string;
  }[];
  documents: IssuedDocument[];
}

export interface ChecklistArea {
  id: number;
  area: number;
  code: string;
  title: string;
  items: { id: number; area: number; code: string; title: string }[];
}

export interface CoverageItem {
  kind: 'assessment_unit' | 'assistance_unit';
  assessmentUnitCode: string | null;
  unitId: number | null;
  name: string;
  assistanceCategory: '市直' | '驻惠' | null;
  comprehensiveCount: number;
  isCovered: boolean;
}

export interface Coverage {
  year: number;
  /** 督8: how many 综合督查 a year each needs, by the year's parameters. */
  requiredPerYear: number;
  total: number;
  coveredCount: number;
  items: CoverageItem[];
  notCovered: CoverageItem[];
}

export const supervisionKeys = {
  all: ['supervisions'] as const,
  plans: (year: number) => ['supervisions', 'plans', year] as const,
  list: (year: number) => ['supervisions', 'list', year] as const,
  coverage: (year: number) => ['supervisions', 'coverage', year] as const,
  mine: ['supervisions', 'mine'] as const,
  detail: (id: string) => ['supervisions', 'detail', id] as const,
};

/** Every supervision the user may see (a team's own, a county's or unit's own once approved). */
export function useVisibleSupervisions() {
  return useQuery({
    queryKey: supervisionKeys.mine,
    queryFn: ({ signal }) => apiRequest<{ items: Supervision[] }>('/api/supervisions', { signal }),
  });
}

/** One supervision with its team, visit schedule, field records, findings and what the user may do next. */
export function useSupervision(id: string | undefined) {
  return useQuery({
    queryKey: supervisionKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiRequest<SupervisionDetail>(`/api/supervisions/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

/** The 责任清单 of 督9: eight key areas with their sub-items. */
export function useSupervisionChecklist(year: number | undefined) {
  return useQuery({
    queryKey: ['supervision-checklist-items', year ?? 0],
    queryFn: ({ signal }) => apiRequest<{ areas: ChecklistArea[] }>('/api/supervision-checklist-items', { query: { year }, signal }),
    enabled: year !== undefined,
    staleTime: 10 * 60_000,
  });
}

/**
 * The year the office's pages open on when the address names none: the latest year with a supervision
 * plan, else this calendar year. Undefined while the plans load.
 */
export function useDefaultWorkYear(): number | undefined {
  const plans = useQuery({
    queryKey: [...supervisionKeys.all, 'plan-years'],
    queryFn: ({ signal }) => apiRequest<{ items: SupervisionPlan[] }>('/api/supervision-plans', { signal }),
    staleTime: 60_000,
  });
  if (plans.isPending) return undefined;
  const years = (plans.data?.items ?? []).map((plan) => plan.year);
  return years.length > 0 ? Math.max(...years) : new Date().getFullYear();
}

/** The annual supervision plan of a year, if drafted (督6). */
export function useSupervisionPlans(year: number) {
  return useQuery({
    queryKey: supervisionKeys.plans(year),
    queryFn: ({ signal }) => apiRequest<{ items: SupervisionPlan[] }>('/api/supervision-plans', { query: { year }, signal }),
  });
}

/** The supervisions of a year the user may see, each with the actions the user may take. */
export function useSupervisions(year: number) {
  return useQuery({
    queryKey: supervisionKeys.list(year),
    queryFn: ({ signal }) => apiRequest<{ items: Supervision[] }>('/api/supervisions', { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Which counties and assistance units have had their yearly 综合督查 (督8). */
export function useCoverage(year: number) {
  return useQuery({
    queryKey: supervisionKeys.coverage(year),
    queryFn: ({ signal }) => apiRequest<Coverage>('/api/supervisions/coverage', { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function createPlan(input: { year: number; title: string }): Promise<SupervisionPlan> {
  return apiRequest('/api/supervision-plans', { method: 'POST', body: input });
}

export function approvePlan(id: number): Promise<SupervisionPlan> {
  return apiRequest(`/api/supervision-plans/${id}/approve`, { method: 'POST', body: {} });
}

export interface ProposeSupervisionInput {
  planId: number;
  type: SupervisionType;
  targetAssessmentUnitCode?: string;
  targetUnitId?: number;
  topic: string;
  plannedStart?: string;
  plannedEnd?: string;
}

export function proposeSupervision(input: ProposeSupervisionInput): Promise<{ supervision: Supervision }> {
  return apiRequest('/api/supervisions', { method: 'POST', body: input });
}

const actionPaths: Record<SupervisionAction, string> = {
  approve: 'approve',
  formTeam: 'form-team',
  startFieldWork: 'start-field-work',
  submitReport: 'submit-report',
  notifyResult: 'notify-result',
  close: 'close',
  planVisit: 'visits',
  addRecord: 'records',
  recordFinding: 'findings',
};

/** Takes one workflow action on a supervision; the body is the action's form. */
export function actOnSupervision(id: number, action: SupervisionAction, body: Record<string, unknown>): Promise<SupervisionDetail> {
  return apiRequest(`/api/supervisions/${id}/${actionPaths[action]}`, { method: 'POST', body });
}

/** Records a planned visit as made: a field record linked to it, which unseals an unannounced visit. */
export function recordVisit(id: number, visitId: number, body: Record<string, unknown>): Promise<SupervisionDetail> {
  return apiRequest(`/api/supervisions/${id}/visits/${visitId}/record`, { method: 'POST', body });
}

/** A draft of the written report generated by the server from the records and findings (督10(3)). */
export function fetchSupervisionReportDraft(id: number): Promise<{ draft: string }> {
  return apiRequest(`/api/supervisions/${id}/report-draft`);
}

export const supervisionReportDocxUrl = (id: number) => `/api/documents/supervisions/${id}/report.docx`;
export const supervisionResultNoticeDocxUrl = (id: number) => `/api/documents/supervisions/${id}/result-notice.docx`;
