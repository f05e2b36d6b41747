import path from 'node:path';
import { readRegionExtract, REGION_EXTRACT_DIR } from '../regions/regions.source.ts';
import type { VillageChoice } from './registry.generate.ts';

/** Huizhou's villages with their town names, from the vendored division extract: the generator's places. */
export async function huizhouVillages(): Promise<VillageChoice[]> {
  const rows = await readRegionExtract(path.join(REGION_EXTRACT_DIR, '4413.csv'));
  const townNames = new Map(rows.filter((row) => row.level === 'town').map((row) => [row.code, row.name]));
  return rows
    .filter((row) => row.level === 'village')
    .map((row) => ({ code: row.code, name: row.name, townName: townNames.get(row.code.slice(0, 9)) ?? '' }));
}
