import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';

export interface TodoItem {
  entityType: string;
  entityLabel: string;
  status: string;
  statusLabel: string;
  actions: string[];
  count: number;
  link: string;
}

/** 我的待办: what waits on this user in every workflow, counted by state. */
export function useTodos() {
  return useQuery({
    queryKey: ['todos'],
    queryFn: ({ signal }) => apiRequest<{ items: TodoItem[]; total: number }>('/api/todos', { signal }),
    refetchInterval: 60_000,
  });
}
