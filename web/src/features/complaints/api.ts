import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export type ComplaintStatus = 'submitted' | 'accepted' | 'not_accepted' | 'assigned' | 'answered' | 'confirmed' | 'reopened';
export const complaintStatuses: readonly ComplaintStatus[] = ['submitted', 'accepted', 'not_accepted', 'assigned', 'answered', 'confirmed', 'reopened'];
export type ComplaintChannel = 'web' | 'hotline' | 'letter';
export const complaintChannels: readonly ComplaintChannel[] = ['web', 'hotline', 'letter'];
export type StaffAction = 'accept' | 'reject' | 'assign' | 'answer' | 'link' | 'createProblem';
export type ComplainantAction = 'confirm' | 'reopen';

interface ComplaintCommon {
  subject: string;
  channel: ComplaintChannel;
  channelLabel: string;
  regionCode: string;
  regionPath: string;
  status: ComplaintStatus;
  statusLabel: string;
  createdAt: string;
  decisionReason: string | null;
  answer: string | null;
  answeredAt: string | null;
  reopenReason: string | null;
  confirmedAt: string | null;
}

/** A complaint as staff receive it; the complainant fields are present for the city office only. */
export interface Complaint extends ComplaintCommon {
  id: number;
  content: string;
  assignedUnitCode: string | null;
  assignedUnitName: string | null;
  answeredByName: string | null;
  village: { code: string; name: string | null } | null;
  problem: { id: number; status: string | null; description: string | null } | null;
  inspection: { id: number; title: string | null } | null;
  recordedByName: string | null;
  triagedByName: string | null;
  updatedAt: string;
  trackingCode?: string;
  suggestedUnitCode?: string | null;
  isAnonymous?: boolean;
  complainant?: { name: string | null; phone: string | null; contact: string | null } | null;
  household?: { id: number; householdNo: string | null; headName: string | null } | null;
  actions: StaffAction[];
}

/** What the holder of a tracking code sees. */
export interface TrackedComplaint extends ComplaintCommon {
  trackingCode: string;
  actions: ComplainantAction[];
}

export interface ComplaintFilter {
  status?: ComplaintStatus;
  channel?: ComplaintChannel;
  unitCode?: string;
  q?: string;
}

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (filter: ComplaintFilter) => ['complaints', 'list', filter] as const,
};

export function useComplaints(filter: ComplaintFilter) {
  return useQuery({
    queryKey: complaintKeys.list(filter),
    queryFn: ({ signal }) => apiRequest<{ items: Complaint[] }>('/api/complaints', { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });
}

const actionPaths: Record<StaffAction, string> = {
  accept: 'accept',
  reject: 'reject',
  assign: 'assign',
  answer: 'answer',
  link: 'link',
  createProblem: 'create-problem',
};

/** Takes one office action on a complaint; 409 when someone else decided first. */
export function actOnComplaint(id: number, action: StaffAction, body: Record<string, unknown>): Promise<{ complaint: Complaint; problemId?: number }> {
  return apiRequest(`/api/complaints/${id}/${actionPaths[action]}`, { method: 'POST', body });
}

export interface ComplaintInput {
  subject: string;
  content: string;
  regionCode: string;
  isAnonymous: boolean;
  name?: string;
  phone?: string;
  contact?: string;
}

export function recordComplaint(input: ComplaintInput & { channel: 'hotline' | 'letter' }): Promise<{ complaint: Complaint }> {
  return apiRequest('/api/complaints', { method: 'POST', body: input });
}

export function fileComplaint(input: ComplaintInput): Promise<{ trackingCode: string; status: ComplaintStatus; statusLabel: string }> {
  return apiRequest('/api/public/complaints', { method: 'POST', body: input });
}

export function trackComplaint(code: string): Promise<{ complaint: TrackedComplaint }> {
  return apiRequest(`/api/public/complaints/${encodeURIComponent(code)}`);
}

export function respondToAnswer(code: string, action: ComplainantAction, reason?: string): Promise<{ complaint: TrackedComplaint }> {
  return apiRequest(`/api/public/complaints/${encodeURIComponent(code)}/${action}`, { method: 'POST', body: action === 'reopen' ? { reason } : {} });
}

/** A household found by the registry search, for the link picker; the ID number comes masked. */
export interface HouseholdMatch {
  id: number;
  householdNo: string;
  headName: string;
  headIdMasked: string | null;
  villageCode: string;
  place: string;
  status: string;
  statusLabel: string;
}

/** Households within the user's scope by household number, name or 身份证号 — at most 20. */
export function useHouseholdSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['households', 'search', term],
    queryFn: ({ signal }) => apiRequest<{ items: HouseholdMatch[] }>('/api/households/search', { query: { q: term }, signal }),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
  });
}


/** What of the complainant's identity an office text holds, and the text as the county will see it. */
export interface CountyPreview {
  found: ('name' | 'phone' | 'contact' | 'number')[];
  shown: string;
}

export function previewForCounty(id: number, text: string): Promise<CountyPreview> {
  return apiRequest(`/api/complaints/${id}/county-preview`, { method: 'POST', body: { text } });
}
