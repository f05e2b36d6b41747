import type { ColumnType } from 'kysely';

// The installation's kind and the long jobs that outlive a process — migration 0008.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;

export type InstallationKind = 'demo' | 'production';
export type JobKind = 'registry_import' | 'demo_registry' | 'demo_activity';
export type JobStatus = 'receiving' | 'running' | 'done' | 'failed';

export interface InstallationTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  kind: InstallationKind;
  /** How the kind was decided, in Chinese, for the start-up line and for whoever wonders later. */
  reason: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface JobsTable {
  id: string;
  kind: JobKind;
  status: JobStatus;
  file_name: string | null;
  owner_id: number | null;
  rows_read: ColumnType<number, number | undefined, number>;
  /** Kind-specific progress, e.g. the demo registry's households committed so far. */
  progress: Json;
  started_at: ColumnType<Date, Date | string, Date | string>;
  updated_at: UpdatedAt;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  result: Json;
  failure: string | null;
}

export interface OperationsTables {
  installation: InstallationTable;
  jobs: JobsTable;
}
