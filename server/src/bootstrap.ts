import type { Config } from './config.ts';
import { migrateToLatest, openDatabase, type Database } from './db/database.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import { createContext, type AppContext } from './kernel/context.ts';

/** Opens the configured database and brings its schema up to date; used by both the server and the CLI. */
export async function openMigratedDatabase(config: Config, clock: Clock = systemClock): Promise<{ database: Database; ctx: AppContext; applied: string[] }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  try {
    const applied = await migrateToLatest(database.db);
    return { database, ctx: createContext(database, config, clock), applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}
