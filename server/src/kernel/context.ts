import type { Kysely } from 'kysely';
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
