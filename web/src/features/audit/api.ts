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
  entityType: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
}

export interface AuditEventFilter {
  entityType: string;
  entityId: string;
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
        query: { entityType: filter.entityType, entityId: filter.entityId, limit: 100 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
