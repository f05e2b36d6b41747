import type { Migration } from 'kysely/migration';
import * as foundation from './0001_foundation.ts';

/** Every migration in order; forward-only, names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
};
