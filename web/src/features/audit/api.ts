import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken: null | { seq: number; reason: string };
}

export interface AuditEvent {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  /** The action's Chinese name (the code itself when the server has none). */
  actionLabel: string;
  entityType: string;
  entityTypeLabel: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
}

export interface AuditEventFilter {
  action: string;
  entityType: string;
  entityId: string;
}

export interface AuditVocabulary {
  actions: { code: string; label: string }[];
  entityTypes: { code: string; label: string }[];
}

/** The log's actions and record types with their Chinese names, for the filter's pickers. */
export function useAuditVocabulary() {
  return useQuery({
    queryKey: ['audit', 'vocabulary'],
    queryFn: ({ signal }) => apiRequest<AuditVocabulary>('/api/audit/vocabulary', { signal }),
    staleTime: Infinity,
  });
}

/** Re-hashes the whole audit chain on the server (R-X1) and names the first broken event. */
export function verifyAuditChain(): Promise<AuditVerification> {
  return apiRequest<AuditVerification>('/api/audit/verify');
}

/** The latest 100 audit events, optionally for one entity type and id. */
export function useAuditEvents(filter: AuditEventFilter) {
  return useQuery({
    queryKey: ['audit', 'events', filter],
    queryFn: ({ signal }) =>
      apiRequest<{ items: AuditEvent[] }>('/api/audit/events', {
        query: { action: filter.action, entityType: filter.entityType, entityId: filter.entityId, limit: 100 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
