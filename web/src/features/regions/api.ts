import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  levelLabel: string;
  parentCode: string | null;
  childCount: number;
  isPovertyVillage: boolean;
}

export interface RegionDetail {
  region: Region;
  /** Root first. */
  ancestors: Region[];
  children: Region[];
}

export interface RegionSearchHit extends Region {
  pathName: string;
}

export type AssessmentUnitCategory = 'poverty_task' | 'self_assistance';

export interface AssessmentUnit {
  code: string;
  name: string;
  category: AssessmentUnitCategory;
  categoryLabel: string;
  countyCode: string;
  towns: { code: string; name: string }[];
}

export interface AssessmentUnitsForYear {
  year: number;
  years: number[];
  items: AssessmentUnit[];
}

export const cityCode = '4413';

export const regionKeys = {
  roots: ['regions', 'roots'] as const,
  detail: (code: string) => ['regions', 'detail', code] as const,
  search: (q: string, level: RegionLevel | undefined) => ['regions', 'search', q, level ?? ''] as const,
};

/** The top-level regions the user may see (the city for city-wide roles, else their own subtree roots). */
export function useRegionRoots() {
  return useQuery({
    queryKey: regionKeys.roots,
    queryFn: ({ signal }) => apiRequest<{ items: Region[] }>('/api/regions', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The query options for one region with its ancestors and children (404 when out of scope). */
export function regionDetailQuery(code: string) {
  return {
    queryKey: regionKeys.detail(code),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      apiRequest<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`, { signal }),
    staleTime: 5 * 60_000,
  };
}

/** One region with its ancestors and children. */
export function useRegionDetail(code: string | undefined) {
  return useQuery({ ...regionDetailQuery(code ?? ''), enabled: Boolean(code) });
}

/** Regions matching a name or code within the user's scope; idle while the query is empty. */
export function useRegionSearch(q: string, level: RegionLevel | undefined) {
  return useQuery({
    queryKey: regionKeys.search(q, level),
    queryFn: ({ signal }) =>
      apiRequest<{ items: RegionSearchHit[] }>('/api/regions/search', { query: { q, level, limit: 50 }, signal }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

/** The assessment units (考核单位, 考2) of a year; the server's default year when none is given. */
export function useAssessmentUnits(year: number | undefined) {
  return useQuery({
    queryKey: ['assessment-units', year ?? 'default'],
    queryFn: ({ signal }) =>
      apiRequest<AssessmentUnitsForYear>('/api/assessment-units', { query: { year }, signal }),
    staleTime: 5 * 60_000,
  });
}

export interface PublicRegion {
  /** A region code, or under the city an assessment unit's code (HD, DYW …). */
  code: string;
  name: string;
  level: 'assessment_unit' | 'county' | 'town' | 'village';
  hasChildren: boolean;
  /** The region a choice of this entry means: a unit the county it governs, none for 大亚湾 and 仲恺. */
  regionCode: string | null;
}

export function loadPublicRegions(parentCode: string): Promise<{ items: PublicRegion[] }> {
  return apiRequest('/api/public/regions', { query: { parentCode } });
}
