import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest, uploadFile } from '../../app/api';

// 建档立卡 (poverty registry): households, county indicators, 数字脱贫 signals, cut-off snapshots and imports.

export type HouseholdStatus = 'not_exited' | 'exited' | 'returned' | 'removed';
export const householdStatuses: readonly HouseholdStatus[] = ['not_exited', 'exited', 'returned', 'removed'];

export type PovertyCause =
  | 'illness'
  | 'disability'
  | 'lack_of_labour'
  | 'lack_of_skills'
  | 'lack_of_funds'
  | 'education'
  | 'disaster'
  | 'other';
export const povertyCauses: readonly PovertyCause[] = [
  'illness',
  'disability',
  'lack_of_labour',
  'lack_of_skills',
  'lack_of_funds',
  'education',
  'disaster',
  'other',
];

export type SignalKind =
  | 'exits_bunched_before_cutoff'
  | 'income_just_above_line'
  | 'exit_without_guarantees'
  | 'edit_after_cutoff'
  | 'exit_then_return'
  | 'operator_volume';
export const signalKinds: readonly SignalKind[] = [
  'exits_bunched_before_cutoff',
  'income_just_above_line',
  'exit_without_guarantees',
  'edit_after_cutoff',
  'exit_then_return',
  'operator_volume',
];

export type StatusAction = 'exit' | 'return' | 'remove';
export type EvidenceKind = 'democratic_review' | 'public_notice' | 'signed_acknowledgement';
export const evidenceKinds: readonly EvidenceKind[] = ['democratic_review', 'public_notice', 'signed_acknowledgement'];
/** The evidence the server requires for each change (民主评议, 公示, and for an exit the household's 签字认可). */
export const requiredEvidence: Record<StatusAction, readonly EvidenceKind[]> = {
  exit: ['democratic_review', 'public_notice', 'signed_acknowledgement'],
  return: ['democratic_review', 'public_notice'],
  remove: ['democratic_review', 'public_notice'],
};

/** The years the demo registry and the exit criteria cover; 2017 holds the generated data. */
export const registryYears: readonly number[] = [2016, 2017, 2018, 2019, 2020];
export const fallbackYear = 2017;

export interface HouseholdFilter {
  q: string;
  countyCode?: string;
  /** An assessment unit of 考2 (e.g. DYW): the households of its towns. */
  unitCode?: string;
  status?: HouseholdStatus;
  cause?: PovertyCause;
  exitYear?: number;
  flag?: SignalKind;
  page: number;
  pageSize: number;
}

export interface HouseholdRow {
  id: number;
  householdNo: string;
  headName: string;
  villageCode: string;
  place: string;
  attribute: string;
  attributeLabel: string;
  status: HouseholdStatus;
  statusLabel: string;
  exitYear: number | null;
  mainCause: PovertyCause;
  mainCauseLabel: string;
  memberCount: number;
  perCapitaIncome: number | null;
  incomeYear: number | null;
}

export interface HouseholdConditions {
  safeWater: boolean;
  electricity: boolean;
  sanitaryToilet: boolean;
  foodClothing: boolean;
  education: boolean;
  medical: boolean;
  housing: boolean;
}

export interface HouseholdEvidence {
  kind: EvidenceKind;
  reference: string;
  label: string;
}

export type SignalEvidence = Record<string, unknown>;

export interface HouseholdFlag {
  kind: SignalKind;
  label: string;
  basis: string;
  evidence: SignalEvidence;
}

export interface HouseholdDetail {
  household: {
    id: number;
    householdNo: string;
    headName: string;
    place: string;
    villageCode: string;
    attributeLabel: string;
    identifiedYear: number;
    status: HouseholdStatus;
    statusLabel: string;
    exitYear: number | null;
    exitDate: string | null;
    mainCauseLabel: string;
    otherCauseLabels: string[];
    housingGrade: string | null;
    conditions: HouseholdConditions;
    assistancePerson: string | null;
    assistanceUnit: string | null;
    phone: string | null;
    memberCount: number;
  };
  members: {
    id: number;
    name: string;
    /** Masked (first six and last four), or null for a role that sees none. */
    idNumber: string | null;
    sexLabel: string;
    /** Only the year: beside a masked 身份证号 the full date would rebuild it. */
    birthYear: number | null;
    relationLabel: string;
    ethnicity: string;
    education: string;
    healthLabel: string;
    labourLabel: string;
    migrantMonths: number;
  }[];
  incomes: {
    year: number;
    wage: number;
    production: number;
    property: number;
    transfer: number;
    costs: number;
    perCapita: number;
  }[];
  history: {
    id: number;
    fromLabel: string | null;
    toLabel: string;
    effectiveOn: string;
    recordedAt: string;
    actorName: string;
    evidence: HouseholdEvidence[];
    note: string;
  }[];
  flags: HouseholdFlag[];
  actions: StatusAction[];
}

export interface StatusChange {
  effectiveOn: string;
  evidence: { kind: EvidenceKind; reference: string }[];
  note: string;
}

/** One assessment unit's figures (the 7 of 考2); a town's liaison gets its own town's, named after it. */
export interface UnitIndicators {
  unitCode: string;
  unitName: string;
  poorHouseholds: number;
  poorPeople: number;
  exits: number;
  exitsFailingCriteria: number;
  meanIncome: number | null;
  incomeGrowth: number | null;
}

/** What the indicators were computed from: a frozen cut-off snapshot, or the live registry's history up to that day. */
export type IndicatorBasis =
  | { kind: 'snapshot'; asOf: string; hash: string; snapshotId: number; takenAt: string }
  | { kind: 'live'; asOf: string };

export interface RegistrySummary {
  year: number;
  basis: IndicatorBasis;
  items: UnitIndicators[];
}

export interface SignalDetector {
  kind: SignalKind;
  label: string;
  basis: string;
  total: number;
  offset: number;
  limit: number;
  items: { householdId: number; householdNo: string; countyName: string; headName: string; evidence: SignalEvidence }[];
}

export interface SignalReport {
  year: number;
  parameters: Record<string, number | undefined>;
  detectors: SignalDetector[];
}

export interface Snapshot {
  id: number;
  asOf: string;
  takenAt: string;
  takenBy: string;
  householdCount: number;
  memberCount: number;
  contentHash: string;
}

export interface SnapshotDiff {
  counts: { county_code: string; county_name: string; status: HouseholdStatus; from_count: number; to_count: number }[];
  transitions: { county_code: string; from_status: HouseholdStatus | null; to_status: HouseholdStatus | null; households: number }[];
}

export type ImportFormat = 'csv' | 'xlsx';
export type ImportEncoding = 'auto' | 'utf8' | 'gb18030';

export interface ImportRowError {
  line: number;
  column: string;
  value: string;
  reason: string;
}

export interface ImportResult {
  status: 'imported' | 'refused';
  encoding: 'utf8' | 'gb18030' | null;
  rowsRead: number;
  householdsImported: number;
  membersImported: number;
  householdsRejected: number;
  errorCount: number;
  errors: ImportRowError[];
}

export interface ImportJob {
  id: string;
  status: 'receiving' | 'running' | 'done' | 'failed';
  fileName: string;
  rowsRead: number;
  startedAt: string;
  result: ImportResult | null;
  failure: string | null;
}

export const registryKeys = {
  all: ['registry'] as const,
  households: (filter: HouseholdFilter) => ['registry', 'households', filter] as const,
  household: (id: string) => ['registry', 'household', id] as const,
  summary: (year: number | 'default') => ['registry', 'summary', year] as const,
  signals: (year: number) => ['registry', 'signals', year] as const,
  signalPage: (year: number, kind: SignalKind, offset: number, limit: number) => ['registry', 'signals', year, kind, offset, limit] as const,
  snapshots: ['registry', 'snapshots'] as const,
  diff: (from: number, to: number) => ['registry', 'snapshot-diff', from, to] as const,
  importJob: (id: string) => ['registry', 'import', id] as const,
};

/** One page of households in the user's scope, filtered on the server. */
export function useHouseholds(filter: HouseholdFilter) {
  return useQuery({
    queryKey: registryKeys.households(filter),
    queryFn: ({ signal }) =>
      apiRequest<{ total: number; page: number; pageSize: number; items: HouseholdRow[] }>('/api/registry/households', {
        query: { ...filter },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** One household with members (ID numbers masked by the server), incomes, history, flags and allowed actions. */
export function useHousehold(id: string | undefined) {
  return useQuery({
    queryKey: registryKeys.household(id ?? ''),
    queryFn: ({ signal }) => apiRequest<HouseholdDetail>(`/api/registry/households/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

/** Marks a household exited, returned or removed; the server checks the evidence and the exit criteria. */
export function changeHouseholdStatus(id: number, action: StatusAction, body: StatusChange): Promise<HouseholdDetail> {
  return apiRequest(`/api/registry/households/${id}/${action}`, { method: 'POST', body });
}

/** County indicators of a year (the server's default year when none is given). */
export function useRegistrySummary(year: number | undefined) {
  return useQuery({
    queryKey: registryKeys.summary(year ?? 'default'),
    queryFn: ({ signal }) => apiRequest<RegistrySummary>('/api/registry/summary', { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * The year the registry pages open on: the server's default year when it lies in the covered
 * years and has any exits, else 2017 (the year the demo registry is generated for).
 */
export function useDefaultRegistryYear(): { year: number | undefined; serverYear: number | undefined; isPending: boolean } {
  const probe = useQuery({
    queryKey: registryKeys.summary('default'),
    queryFn: ({ signal }) => apiRequest<RegistrySummary>('/api/registry/summary', { signal }),
    staleTime: 10 * 60_000,
    retry: false,
  });
  if (probe.isPending) return { year: undefined, serverYear: undefined, isPending: true };
  const data = probe.data;
  const hasData = data && registryYears.includes(data.year) && data.items.some((row) => row.exits > 0);
  return { year: hasData ? data.year : fallbackYear, serverYear: data?.year, isPending: false };
}

/** Households per page in a detector's list; the overview carries each detector's first page of this size. */
export const signalPageSize = 10;

/** The 数字脱贫 signals of a year: each detector with its basis, its total and its first page of flagged households. */
export function useSignals(year: number | undefined) {
  return useQuery({
    queryKey: registryKeys.signals(year ?? 0),
    queryFn: ({ signal }) => apiRequest<SignalReport>('/api/registry/signals', { query: { year, limit: signalPageSize }, signal }),
    enabled: year !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** One page of one detector's flagged households (`enabled: false` while the overview's first page serves). */
export function useSignalPage(year: number, kind: SignalKind, offset: number, limit: number, enabled: boolean) {
  return useQuery({
    queryKey: registryKeys.signalPage(year, kind, offset, limit),
    queryFn: ({ signal }) => apiRequest<SignalReport>('/api/registry/signals', { query: { year, kind, offset, limit }, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Every household one detector flags in a year, as CSV (ID numbers masked by the server). */
export const signalExportUrl = (year: number, kind: SignalKind) =>
  `/api/registry/signals/export.csv?${new URLSearchParams({ year: String(year), kind }).toString()}`;

export function useSnapshots() {
  return useQuery({
    queryKey: registryKeys.snapshots,
    queryFn: ({ signal }) => apiRequest<{ items: Snapshot[] }>('/api/registry/snapshots', { signal }),
  });
}

export function takeSnapshot(asOf: string): Promise<{ snapshot: Snapshot }> {
  return apiRequest('/api/registry/snapshots', { method: 'POST', body: { asOf } });
}

export function useSnapshotDiff(from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: registryKeys.diff(from ?? 0, to ?? 0),
    queryFn: ({ signal }) => apiRequest<SnapshotDiff>('/api/registry/snapshots/diff', { query: { from, to }, signal }),
    enabled: from !== undefined && to !== undefined && from !== to,
  });
}

/** Polls an import job every second until it is done or failed. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: registryKeys.importJob(id ?? ''),
    queryFn: ({ signal }) => apiRequest<{ job: ImportJob }>(`/api/registry/imports/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => {
      const status = query.state.data?.job.status;
      if (status === 'done' || status === 'failed') return false;
      // A job the server no longer knows (restarted, or not ours) will not come back.
      if (query.state.error instanceof ApiError && query.state.error.status === 404) return false;
      return 1000;
    },
    retry: 2,
  });
}

export interface UploadOptions {
  file: File;
  format: ImportFormat;
  encoding: ImportEncoding;
  partial: boolean;
  onProgress: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

const contentTypes: Record<ImportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Where the browser downloads the XLSX import template (header row, text-formatted ID and number columns, 填写说明). */
export const importTemplateUrl = '/api/registry/import-template.xlsx';

/** Uploads the file as the raw request body, with progress, and resolves with the import job the server started. */
export async function uploadRegistryFile(options: UploadOptions): Promise<ImportJob> {
  const reply = await uploadFile<{ job: ImportJob }>('/api/registry/imports', {
    file: options.file,
    contentType: contentTypes[options.format],
    query: {
      format: options.format,
      encoding: options.format === 'csv' ? options.encoding : 'auto',
      partial: String(options.partial),
      fileName: options.file.name.slice(0, 200),
    },
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return reply.job;
}
