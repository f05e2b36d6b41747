import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config.ts';
import type { Database, DatabaseKind } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import { createPersonalDataCipher, loadPersonalDataKey, type PersonalDataCipher } from './personal-data.ts';

/** What every service needs: the database, the clock, the configuration and the personal-data cipher. */
export type AppContext = {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  withRawSession: Database['withRawSession'];
  clock: Clock;
  config: Config;
  personalData: PersonalDataCipher;
};

export function createContext(database: Database, config: Config, clock: Clock): AppContext {
  return {
    db: database.db,
    dbKind: database.kind,
    withRawSession: database.withRawSession,
    clock,
    config,
    personalData: createPersonalDataCipher(loadPersonalDataKey(config)),
  };
}

/**
 * The same context with its database replaced by a transaction, so that a service's reads inside a
 * workflow step see what the step has written (and, on PGlite, do not wait for the connection the
 * transaction holds). The services called with it must not open a transaction of their own.
 */
export function inTransaction(ctx: AppContext, trx: Transaction<DB>): AppContext {
  return { ...ctx, db: trx };
}
