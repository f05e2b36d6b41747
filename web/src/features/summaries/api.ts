import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';
import type { IssuedDocument } from '../documents/api';

export type CommendationKind = 'commendation' | 'model_case';
export type CommendationStatus = 'proposed' | 'approved' | 'rejected';
export type CommendationAction = 'approve' | 'reject';
export const commendationKinds: readonly CommendationKind[] = ['commendation', 'model_case'];
export const commendationStatuses: readonly CommendationStatus[] = ['proposed', 'approved', 'rejected'];

export interface Commendation {
  id: number;
  year: number;
  kind: CommendationKind;
  kindLabel: string;
  subject: { kind: 'assessment_unit' | 'assistance_unit'; assessmentUnitCode: string | null; unitId: number | null; name: string };
  supervisionId: number | null;
  supervisionTopic: string | null;
  title: string;
  description: string;
  status: CommendationStatus;
  statusLabel: string;
  proposedByName: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  actions: CommendationAction[];
}

export interface CommendationFilter {
  year?: number;
  kind?: CommendationKind;
  status?: CommendationStatus;
}

export interface SupervisionSummary {
  id: number;
  year: number;
  title: string;
  body: string;
  status: 'draft' | 'submitted';
  statusLabel: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  submittedByName: string | null;
  submittedAt: string | null;
  isEditable: boolean;
  actions: 'submit'[];
  documents: IssuedDocument[];
}

export interface AreaFigure {
  code: string;
  title: string;
  total: number;
  verified: number;
  reported: number;
  overdue: number;
  transferred: number;
}

export interface SummaryFigures {
  year: number;
  asOf: string;
  supervisions: { total: number; comprehensive: number; special: number; byStatus: { status: string; label: string; count: number }[] };
  coverage: { assessmentUnits: { total: number; covered: number }; assistanceUnits: { total: number; covered: number }; notCovered: { kind: string; name: string }[] };
  problemsByArea: AreaFigure[];
  rectification: { total: number; verified: number; reported: number; overdue: number; transferred: number; inProgress: number };
  commendations: { id: number; kind: CommendationKind; kindLabel: string; subjectName: string; title: string }[];
  inspections: { inspections: number; proposed: number; problems: number; transferred: number };
}

export interface SummaryDraft {
  year: number;
  title: string;
  body: string;
  figures: SummaryFigures;
}

export const summaryKeys = {
  all: ['summaries'] as const,
  commendations: (filter: CommendationFilter) => ['summaries', 'commendations', filter.year ?? '', filter.kind ?? '', filter.status ?? ''] as const,
  list: (year: number) => ['summaries', 'list', year] as const,
  figures: (year: number) => ['summaries', 'figures', year] as const,
};

/** Commendations and model cases the user may see, filtered (督11). */
export function useCommendations(filter: CommendationFilter) {
  return useQuery({
    queryKey: summaryKeys.commendations(filter),
    queryFn: ({ signal }) => apiRequest<{ items: Commendation[] }>('/api/commendations', { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The year's summaries the user may read: all for the office, the submitted ones for the leaders. */
export function useSummaries(year: number) {
  return useQuery({
    queryKey: summaryKeys.list(year),
    queryFn: ({ signal }) => apiRequest<{ items: SupervisionSummary[] }>('/api/supervision-summaries', { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The year's supervision figures (problems per 督9 area and the rest of the summary's numbers). */
export function useSummaryFigures(year: number) {
  return useQuery({
    queryKey: summaryKeys.figures(year),
    queryFn: ({ signal }) => apiRequest<{ figures: SummaryFigures }>('/api/supervision-summaries/figures', { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface ProposeCommendationInput {
  year: number;
  kind: CommendationKind;
  assessmentUnitCode?: string;
  unitId?: number;
  supervisionId?: number;
  title: string;
  description: string;
}

export function proposeCommendation(input: ProposeCommendationInput): Promise<{ commendation: Commendation }> {
  return apiRequest('/api/commendations', { method: 'POST', body: input });
}

export function decideCommendation(id: number, action: CommendationAction, note: string | undefined): Promise<{ commendation: Commendation }> {
  return apiRequest(`/api/commendations/${id}/${action}`, { method: 'POST', body: note ? { note } : {} });
}

export function fetchSummaryDraft(year: number): Promise<SummaryDraft> {
  return apiRequest('/api/supervision-summaries/draft', { query: { year } });
}

export function createSummary(input: { year: number; title: string; body: string }): Promise<{ summary: SupervisionSummary }> {
  return apiRequest('/api/supervision-summaries', { method: 'POST', body: input });
}

export function updateSummary(id: number, input: { title: string; body: string }): Promise<{ summary: SupervisionSummary }> {
  return apiRequest(`/api/supervision-summaries/${id}`, { method: 'PATCH', body: input });
}

export function submitSummary(id: number): Promise<{ summary: SupervisionSummary }> {
  return apiRequest(`/api/supervision-summaries/${id}/submit`, { method: 'POST', body: {} });
}

/** Where the browser downloads a summary as an official DOCX. */
export function summaryDocxUrl(id: number): string {
  return `/api/documents/supervision-summaries/${id}/summary.docx`;
}
