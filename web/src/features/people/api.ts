import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export type Rank = 'bureau' | 'division' | 'section' | 'other';
/** Highest first: 厅级 > 处级 > 科级 > 其他 (R-O4). */
export const ranks: readonly Rank[] = ['bureau', 'division', 'section', 'other'];

export interface Person {
  id: number;
  name: string;
  gender: 'male' | 'female';
  unitId: number;
  unitName: string;
  post: string;
  rank: Rank;
  rankLabel: string;
  homeRegionCode: string | null;
  homeRegionName: string | null;
}

export type ChangeRequestStatus = 'submitted' | 'approved' | 'rejected' | 'withdrawn';
export const changeRequestStatuses: readonly ChangeRequestStatus[] = ['submitted', 'approved', 'rejected', 'withdrawn'];
export type ChangeRequestAction = 'approve' | 'reject' | 'withdraw';

export interface ChangeRequest {
  id: number;
  personId: number;
  personName: string;
  changes: { rank?: Rank; rankLabel?: string; unitId?: number; unitName?: string };
  current: { rank: Rank; rankLabel: string; unitId: number; unitName: string };
  reason: string;
  status: ChangeRequestStatus;
  statusLabel: string;
  requestedByName: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  actions: ChangeRequestAction[];
}

export interface PersonDetail {
  person: Person;
  changeRequests: ChangeRequest[];
  actions: string[];
}

export interface PeopleFilter {
  q: string;
  unitId: string;
  rank: Rank | undefined;
  page: number;
  pageSize: number;
}

export interface PersonInput {
  name: string;
  gender: 'male' | 'female';
  unitId: number;
  post: string;
  rank: Rank;
  homeRegionCode?: string | null;
}

export interface PersonChangeInput {
  rank?: Rank;
  unitId?: number;
  reason: string;
}

export const peopleKeys = {
  all: ['people'] as const,
  list: (filter: PeopleFilter) => ['people', 'list', filter] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
};

export const changeRequestKeys = {
  all: ['person-change-requests'] as const,
  list: (status: ChangeRequestStatus | undefined) => ['person-change-requests', status ?? 'all'] as const,
};

/** One page of people in scope; the server filters and counts. */
export function usePeople(filter: PeopleFilter) {
  return useQuery({
    queryKey: peopleKeys.list(filter),
    queryFn: ({ signal }) =>
      apiRequest<{ items: Person[]; total: number; actions: string[] }>('/api/people', {
        query: { q: filter.q, unitId: filter.unitId, rank: filter.rank, page: filter.page, pageSize: filter.pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** One person with their change requests and what the user may do next. */
export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: peopleKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiRequest<PersonDetail>(`/api/people/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

/** Change requests visible to the user, optionally of one status. */
export function useChangeRequests(status: ChangeRequestStatus | undefined) {
  return useQuery({
    queryKey: changeRequestKeys.list(status),
    queryFn: ({ signal }) =>
      apiRequest<{ items: ChangeRequest[] }>('/api/person-change-requests', { query: { status }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Adds a person to the roster (office and 组织部 only). */
export function createPerson(input: PersonInput): Promise<{ person: Person }> {
  return apiRequest('/api/people', { method: 'POST', body: input });
}

/** Files a request to change a person's rank and/or unit. */
export function requestPersonChange(personId: number, input: PersonChangeInput): Promise<{ request: ChangeRequest }> {
  return apiRequest(`/api/people/${personId}/change-requests`, { method: 'POST', body: input });
}

/** Approves, rejects or withdraws a change request; 409 when someone else decided first. */
export function decideChangeRequest(
  id: number,
  action: ChangeRequestAction,
  note: string | undefined,
): Promise<{ request: ChangeRequest }> {
  const body = action === 'withdraw' ? {} : note ? { note } : {};
  return apiRequest(`/api/person-change-requests/${id}/${action}`, { method: 'POST', body });
}
