import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export type DisclosureDecision = 'disclose' | 'withhold';

export interface Disclosure {
  problemId: number;
  decision: DisclosureDecision;
  decisionLabel: string;
  reason: string;
  published: { description: string | null; requirement: string | null; measures: string | null } | null;
  decidedByName: string;
  decidedAt: string;
}

export interface PublishedRectification {
  id: number;
  unitCode: string;
  unitName: string;
  categoryLabel: string;
  problem: string;
  requirement: string;
  measures: string;
  notifiedOn: string | null;
  deadline: string | null;
  reportedAt: string | null;
  verifiedAt: string;
  disclosedAt: string;
}

export const disclosureKeys = { all: ['disclosures'] as const };

/** Every disclosure decision, keyed by problem, for the office's ledger. */
export function useDisclosures(enabled: boolean) {
  return useQuery({
    queryKey: disclosureKeys.all,
    queryFn: ({ signal }) => apiRequest<{ items: Disclosure[] }>('/api/disclosures', { signal }),
    enabled,
    select: (data) => new Map(data.items.map((item) => [item.problemId, item])),
  });
}

export function decideDisclosure(problemId: number, body: { decision: DisclosureDecision; reason: string; extraNames?: string[] }): Promise<{ disclosure: Disclosure }> {
  return apiRequest(`/api/rectifications/${problemId}/decide-disclosure`, { method: 'POST', body });
}

export function usePublishedRectifications(unitCode: string | undefined) {
  return useQuery({
    queryKey: ['public-rectifications', unitCode ?? null],
    queryFn: ({ signal }) => apiRequest<{ items: PublishedRectification[] }>('/api/public/rectifications', { query: { unitCode }, signal }),
  });
}
