import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export type ChecklistKind = 'supervision' | 'inspection';
export type ChecklistAction = 'copyTemplate' | 'addItem' | 'editItem' | 'deleteItem';

export interface ChecklistItem {
  id: number;
  code: string;
  title: string;
  usageCount: number;
  isEditable: boolean;
}

export interface Checklist {
  kind: ChecklistKind;
  kindLabel: string;
  year: number;
  templateYear: number | null;
  isOwnTemplate: boolean;
  /** The year's parameters (参数配置) name the checklist year that applies. */
  isFixedByParameter: boolean;
  groups: { group: number; code: string; title: string; items: ChecklistItem[] }[];
  actions: ChecklistAction[];
}

export const checklistKeys = { all: ['checklists'] as const, one: (kind: ChecklistKind, year: number) => ['checklists', kind, year] as const };

/** A year's 责任清单 with what the user may change in it. */
export function useChecklist(kind: ChecklistKind, year: number) {
  return useQuery({
    queryKey: checklistKeys.one(kind, year),
    queryFn: ({ signal }) => apiRequest<Checklist>('/api/checklists', { query: { kind, year }, signal }),
  });
}

export const copyTemplate = (kind: ChecklistKind, year: number) => apiRequest<Checklist>('/api/checklists/copy', { method: 'POST', body: { kind, year } });
export const addItem = (kind: ChecklistKind, year: number, group: number, title: string) =>
  apiRequest<Checklist>('/api/checklists/items', { method: 'POST', body: { kind, year, group, title } });
export const editItem = (kind: ChecklistKind, id: number, title: string) =>
  apiRequest<Checklist>(`/api/checklists/items/${id}`, { method: 'PATCH', body: { kind, title } });
export const deleteItem = (kind: ChecklistKind, id: number) => apiRequest<Checklist>(`/api/checklists/items/${id}`, { method: 'DELETE', query: { kind } });
