import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';
import type { IssuedDocument } from '../documents/api';

export type TransferStatus = 'sent' | 'received' | 'accepted' | 'filed' | 'concluded';
export const transferStatuses: readonly TransferStatus[] = ['sent', 'received', 'accepted', 'filed', 'concluded'];
export type TransferAction = 'acknowledge' | 'accept' | 'file' | 'conclude';
export type RecipientBody = 'discipline_inspection' | 'procuratorate';

export interface EvidenceBundle {
  problem: { id: number; category: string; responsibleUnit: string; description: string; evidence: string; requirement: string; status: string };
  inspection: { id: number; title: string; assessmentUnitName: string; reason: string; report: string | null } | null;
  records: { id: number; method: string; date: string; place: string; notes: string }[];
  findings: { id: number; category: string; description: string; evidence: string }[];
  recommendations: { problem: string; recommendation: string }[];
}

export interface Transfer {
  id: number;
  /** The 移交函 once issued, with its 文号 and hash. */
  documents?: IssuedDocument[];
  problemId: number;
  problemDescription: string;
  responsibleUnitName: string;
  inspectionId: number | null;
  inspectionTitle: string | null;
  recipientBody: RecipientBody;
  recipientBodyLabel: string;
  recipientName: string;
  summary: string;
  evidence: EvidenceBundle;
  status: TransferStatus;
  statusLabel: string;
  transferredByName: string;
  transferredAt: string;
  receivedAt: string | null;
  acceptedAt: string | null;
  acceptedNote: string | null;
  filedAt: string | null;
  filedNote: string | null;
  concludedAt: string | null;
  concludedNote: string | null;
  actions: TransferAction[];
}

export const transferKeys = { all: ['transfers'] as const };

export function useTransfers(status: TransferStatus | undefined) {
  return useQuery({
    queryKey: [...transferKeys.all, 'list', status ?? null],
    queryFn: ({ signal }) => apiRequest<{ items: Transfer[] }>('/api/transfers', { query: { status }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRecipients(enabled: boolean) {
  return useQuery({
    queryKey: [...transferKeys.all, 'recipients'],
    queryFn: ({ signal }) => apiRequest<{ items: { id: number; displayName: string }[] }>('/api/transfers/recipients', { signal }),
    enabled,
  });
}

export function createTransfer(body: { problemId: number; recipientBody: RecipientBody; recipientUserId: number; summary: string }): Promise<{ transfer: Transfer }> {
  return apiRequest('/api/transfers', { method: 'POST', body });
}

export function actOnTransfer(id: number, action: TransferAction, note: string | undefined): Promise<{ transfer: Transfer }> {
  return apiRequest(`/api/transfers/${id}/${action}`, { method: 'POST', body: action === 'acknowledge' ? {} : { note } });
}
