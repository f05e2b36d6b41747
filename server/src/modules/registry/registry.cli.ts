import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import iconv from 'iconv-lite';
import { defaultExitLineOf } from './registry.exit-criteria.ts';
import { exportRegistry } from './registry.export.ts';
import { householdRecords, loadGeneratedHouseholds } from './registry.generated-output.ts';
import { generateHouseholds, type GeneratedHousehold } from './registry.generate.ts';
import { csvCell, headerLabels } from './registry.format.ts';
import { importRegistryFile } from './registry.import.ts';
import type { RowError } from './registry.validate.ts';
import { takeSnapshot } from './registry.snapshot.ts';
import { huizhouVillages } from './registry.villages.ts';

type Options = Record<string, string | undefined>;
type WithDatabase = (config: Config, work: (ctx: AppContext) => Promise<number>) => Promise<number>;
type Command = (config: Config, positionals: string[], options: Options) => Promise<number>;

const CLI_ACTOR = { id: null, name: '命令行' };

function wholeNumber(options: Options, name: string, fallback?: number): number {
  const raw = options[name];
  if (raw === undefined && fallback !== undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new AppError('VALIDATION_FAILED', `选项 --${name} 须为非负整数${raw === undefined ? '（缺少该选项）' : `，收到「${raw}」`}`);
  return value;
}

/** A one-line progress display on the terminal (nothing when output is not a terminal). */
function progressLine(label: string) {
  const started = Date.now();
  return (count: number, unit: string) => {
    if (!process.stderr.isTTY) return;
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`\r${label}：${count.toLocaleString('zh-CN')} ${unit}（${seconds.toFixed(0)} 秒，${Math.round(count / Math.max(seconds, 0.001)).toLocaleString('zh-CN')} ${unit}/秒）   `);
  };
}

function writeErrorReport(file: string, errors: RowError[]): void {
  const lines = ['行号,列,值,原因', ...errors.map((error) => [String(error.line), error.column, error.value, error.reason].map(csvCell).join(','))];
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
}

/** The `dukao registry …` commands. */
export function registryCommands(withDatabase: WithDatabase, requireOption: (options: Options, name: string) => string): Record<string, Command> {
  return {
    'registry generate': async (config, _positionals, options) => {
      const households = wholeNumber(options, 'households');
      const seed = wholeNumber(options, 'seed', 2017);
      const year = wholeNumber(options, 'year', 2017);
      const withAnomalies = options.anomalies === 'true';
      const villages = await huizhouVillages();
      const generator = generateHouseholds({ households, seed, year, withAnomalies, isForFile: Boolean(options.out), villages, exitLineOf: defaultExitLineOf });
      const planted: GeneratedHousehold[] = [];
      const keepPlanted = function* (source: Iterable<GeneratedHousehold>) {
        for (const household of source) {
          if (household.planted) planted.push({ ...household, members: [] });
          yield household;
        }
      };
      const show = progressLine(options.out ? '生成' : '生成并载入');
      let count = 0;
      if (options.out) {
        const encoding = options.encoding === 'gb18030' ? 'gb18030' : 'utf8';
        const out = fs.createWriteStream(options.out);
        const write = (text: string) => (encoding === 'utf8' ? out.write(text) : out.write(iconv.encode(text, 'gb18030')));
        write(`${encoding === 'utf8' ? '\uFEFF' : ''}${headerLabels.join(',')}\r\n`);
        for (const household of keepPlanted(generator)) {
          const text = householdRecords(household).map((cells) => cells.map(csvCell).join(',')).join('\r\n');
          if (!write(`${text}\r\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          count += 1;
          if (count % 10_000 === 0) show(count, '户');
        }
        await new Promise((resolve) => out.end(resolve));
        console.log(`\n已写出 ${count} 户到 ${options.out}（${encoding === 'utf8' ? 'UTF-8' : 'GB18030'}）`);
      } else {
        await withDatabase(config, async (ctx) => {
          const loaded = await ctx.withRawSession(async (session) => {
            await session.query('BEGIN');
            try {
              const result = await loadGeneratedHouseholds(session, ctx.personalData, keepPlanted(generator), (loadedCount) => show(loadedCount, '户'));
              await session.query('COMMIT');
              return result;
            } catch (error) {
              await session.query('ROLLBACK');
              throw error;
            }
          });
          console.log(`\n已载入 ${loaded.households} 户、${loaded.members} 人（种子 ${seed}，数据年度 ${year}）`);
          return 0;
        });
      }
      if (withAnomalies) {
        const plantedFile = options.planted ?? (options.out ? `${options.out.replace(/\.csv$/i, '')}.planted.csv` : path.join(config.dataDir, `planted-${seed}.csv`));
        fs.mkdirSync(path.dirname(path.resolve(plantedFile)), { recursive: true });
        fs.writeFileSync(plantedFile, `户编号,植入类型\n${planted.map((household) => `${household.householdNo},${household.planted}`).join('\n')}\n`);
        console.log(`已植入 ${planted.length} 个"数字脱贫"样例，清单：${plantedFile}`);
      }
      return 0;
    },

    'registry import': (config, positionals, options) =>
      withDatabase(config, async (ctx) => {
        const file = positionals[0];
        if (!file) throw new AppError('VALIDATION_FAILED', '请给出要导入的文件：npx dukao registry import 文件.csv');
        if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `文件不存在：${file}`);
        const encoding = (options.encoding ?? 'auto') as 'auto' | 'utf8' | 'gb18030';
        if (!['auto', 'utf8', 'gb18030'].includes(encoding)) throw new AppError('VALIDATION_FAILED', '选项 --encoding 须为 auto、utf8 或 gb18030');
        const format = /\.xlsx$/i.test(file) ? 'xlsx' : 'csv';
        const show = progressLine('导入');
        console.log(`正在导入 ${file} ……`);
        const result = await importRegistryFile(ctx, { stream: fs.createReadStream(file), format, encoding, fileName: path.basename(file) }, {
          isPartial: options.partial === 'true',
          actor: CLI_ACTOR,
          onProgress: ({ rowsRead }) => show(rowsRead, '行'),
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        const encodingLabel = result.encoding ? `，编码 ${result.encoding === 'utf8' ? 'UTF-8' : 'GB18030'}` : '';
        if (result.errorCount > 0) {
          const report = options.report ?? `${file.replace(/\.(csv|xlsx)$/i, '')}.errors.csv`;
          writeErrorReport(report, result.errors);
          console.log(`发现 ${result.errorCount} 处错误（涉及 ${result.householdsRejected} 户），错误报告：${report}`);
          for (const error of result.errors.slice(0, 5)) console.log(`  第 ${error.line} 行「${error.column}」${error.value ? `（${error.value}）` : ''}：${error.reason}`);
        }
        if (result.status === 'refused') {
          console.log(`文件被拒绝，建档立卡库未作任何改动（读取 ${result.rowsRead} 行${encodingLabel}）。可修正后重试，或用 --partial 只导入无误的户。`);
          return 1;
        }
        console.log(`已导入 ${result.householdsImported} 户、${result.membersImported} 人（读取 ${result.rowsRead} 行${encodingLabel}）。`);
        return 0;
      }),

    'registry export': (config, positionals, options) =>
      withDatabase(config, async (ctx) => {
        const file = positionals[0];
        if (!file) throw new AppError('VALIDATION_FAILED', '请给出导出文件名：npx dukao registry export 文件.csv（或 文件.xlsx）');
        const out = fs.createWriteStream(file);
        const format = /\.xlsx$/i.test(file) ? 'xlsx' : 'csv';
        const result = await exportRegistry(ctx, out, { withFullIds: options['full-ids'] === 'true', format });
        // The XLSX writer ends the file itself.
        if (!out.writableFinished) await new Promise((resolve) => out.end(resolve));
        console.log(`已导出 ${result.households} 户、${result.rows} 行到 ${file}${options['full-ids'] === 'true' ? '（含完整身份证号，请妥善保管）' : '（身份证号已脱敏）'}`);
        return 0;
      }),

    'registry snapshot': (config, _positionals, options) =>
      withDatabase(config, async (ctx) => {
        const snapshot = await takeSnapshot(ctx, CLI_ACTOR, requireOption(options, 'as-of'));
        console.log(`已冻结截止 ${snapshot.asOf} 的快照 #${snapshot.id}：${snapshot.householdCount} 户、${snapshot.memberCount} 人`);
        console.log(`哈希 ${snapshot.contentHash}`);
        return 0;
      }),
  };
}
