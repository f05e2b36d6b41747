import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DatabaseKind } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';

/** What every service needs: the database, the clock and the configuration. */
export type AppContext = {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  clock: Clock;
  config: Config;
};
