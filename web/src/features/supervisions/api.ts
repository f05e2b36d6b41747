import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export type SupervisionType = 'comprehensive' | 'special';
export const supervisionTypes: readonly SupervisionType[] = ['comprehensive', 'special'];
export type SupervisionStatus = 'proposed' | 'approved' | 'team_formed' | 'in_field' | 'report_submitted' | 'closed';
export type SupervisionAction = 'approve' | 'formTeam' | 'startFieldWork' | 'submitReport' | 'close';

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
  actions: 'approve'[];
}

export interface Supervision {
  id: number;
  planId: number;
  year: number;
  type: SupervisionType;
  typeLabel: string;
  target: { kind: 'assessment_unit' | 'assistance_unit'; assessmentUnitCode: string | null; unitId: number | null; name: string };
  topic: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  status: SupervisionStatus;
  statusLabel: string;
  actions: SupervisionAction[];
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
};

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
  close: 'close',
};

/** Takes one workflow action on a supervision; the body is the action's form. */
export function actOnSupervision(id: number, action: SupervisionAction, body: Record<string, unknown>): Promise<{ supervision: Supervision }> {
  return apiRequest(`/api/supervisions/${id}/${actionPaths[action]}`, { method: 'POST', body });
}
