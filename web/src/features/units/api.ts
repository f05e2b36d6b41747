import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export type UnitKind = 'member' | 'assistance';
export type AssistanceCategory = '市直' | '驻惠';

export interface Unit {
  id: number;
  name: string;
  isLeadingGroupMember: boolean;
  assistanceCategory: AssistanceCategory | null;
  regionCode: string | null;
  regionName: string | null;
  peopleCount: number;
}

export interface UnitFilter {
  q?: string;
  kind?: UnitKind;
}

/** Units in scope, optionally narrowed by a name search and kind (成员单位 / 帮扶单位). */
export function useUnits(filter: UnitFilter = {}) {
  return useQuery({
    queryKey: ['units', 'list', filter.q ?? '', filter.kind ?? ''],
    queryFn: ({ signal }) =>
      apiRequest<{ items: Unit[] }>('/api/units', { query: { q: filter.q, kind: filter.kind }, signal }),
    placeholderData: keepPreviousData,
  });
}
