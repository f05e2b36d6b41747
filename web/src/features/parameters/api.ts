import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export type ParameterAction = 'edit';
export type ParameterGroup = 'rectification' | 'escalation' | 'teams' | 'checklists' | 'signals';

/** How a value is edited, as the server describes it (parameters.definitions). */
export type ParameterInput =
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'choice'; options: { value: string; label: string }[] }
  | { kind: 'templateYear'; min: number; max: number; automaticLabel: string };

/** One of the measures' numbers as it applies to a year. */
export interface MeasureParameter {
  key: string;
  group: ParameterGroup;
  groupLabel: string;
  label: string;
  article: string;
  quote: string;
  note: string;
  unit: string;
  input: ParameterInput;
  defaultValue: unknown;
  defaultText: string;
  value: unknown;
  valueText: string;
  isDefault: boolean;
  /** `year`: set for this year; `inherited`: the latest earlier year's; `default`: the Huizhou 2017 default. */
  source: 'year' | 'inherited' | 'default';
  sourceYear: number | null;
  sourceText: string;
  updatedByName: string | null;
  updatedAt: string | null;
  lockReason: string | null;
  actions: ParameterAction[];
}

export interface ParameterListing {
  year: number;
  isStarted: boolean;
  startedBy: string | null;
  /** Why the year's parameters may no longer change, in the server's words. */
  lockReason: string | null;
  items: MeasureParameter[];
}

export type ParameterValue = number | string | null;

export const parameterKeys = {
  all: ['parameters'] as const,
  year: (year: number) => ['parameters', year] as const,
};

/** The parameters of a year with what the user may change. */
export function useParameters(year: number) {
  return useQuery({
    queryKey: parameterKeys.year(year),
    queryFn: ({ signal }) => apiRequest<ParameterListing>('/api/parameters', { query: { year }, signal }),
  });
}

/** Sets a year's value of one parameter (office administrator; refused once the year's work has started). */
export function updateParameter(year: number, key: string, value: ParameterValue): Promise<{ parameter: MeasureParameter }> {
  return apiRequest(`/api/parameters/${year}/${encodeURIComponent(key)}`, { method: 'PUT', body: { value } });
}
