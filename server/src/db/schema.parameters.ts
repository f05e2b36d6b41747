import type { ColumnType } from 'kysely';

// The measures' numbers per year — migration 0010.
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as JSON text, read back parsed. */
type JsonValue = ColumnType<unknown, string, string>;

export interface MeasureParametersTable {
  year: number;
  key: string;
  value: JsonValue;
  article: string;
  default_value: JsonValue;
  updated_by: number | null;
  updated_at: UpdatedAt;
}

export interface ParameterTables {
  measure_parameters: MeasureParametersTable;
}
