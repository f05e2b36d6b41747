import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent, auditActorOf, type AuditActor } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import {
  isParameterKey,
  PARAMETER_SEED_YEAR,
  parameterDefaults,
  parameterDefinitions,
  parameterGroupLabels,
  parameterKeys,
  type MeasureParameters,
  type ParameterDefinition,
  type ParameterKey,
} from './parameters.definitions.ts';
import { parameterEditorRoles, parameterReaderRoles, type ParameterAction } from './parameters.policy.ts';
import * as repo from './parameters.repo.ts';

export type { MeasureParameters, ParameterKey } from './parameters.definitions.ts';

// Serialises writes of parameters, so that what one change records as "before" is what it replaced.
const PARAMETERS_LOCK = 2017_0010;

const definitionOf = (key: ParameterKey) => parameterDefinitions[key] as ParameterDefinition;

/** A stored value read back under today's rule; a value the rule no longer admits is an error, never a silent default. */
function parseStored(key: ParameterKey, row: repo.EffectiveParameterRow): unknown {
  const parsed = definitionOf(key).schema.safeParse(row.value);
  if (!parsed.success) {
    throw new AppError('INTERNAL', `参数「${definitionOf(key).label}」（${row.year} 年）的取值 ${JSON.stringify(row.value)} 不再有效，请在参数配置中重新设定`);
  }
  return parsed.data;
}

/**
 * The parameters that apply to work of `year`, typed. Each is the year's own row, else the row of the latest
 * earlier year that has one, else the Huizhou 2017 default — so a year nobody has configured carries on with the
 * last year's rules. Callers pass the year of the work in question (the inspection's, the supervision plan's, the
 * problem's, the signals'), never the current year.
 */
export async function parametersFor(db: Kysely<DB> | Transaction<DB>, year: number): Promise<MeasureParameters> {
  const rows = await repo.listEffectiveRows(db, year);
  const values: Record<string, unknown> = { ...parameterDefaults };
  for (const row of rows) {
    if (isParameterKey(row.key)) values[row.key] = parseStored(row.key, row);
  }
  return values as MeasureParameters;
}

/** The parameters of each of several years (the years of the records of one list), each read once. */
export async function parametersForYears(db: Kysely<DB> | Transaction<DB>, years: Iterable<number>): Promise<Map<number, MeasureParameters>> {
  const distinct = [...new Set(years)].sort((a, b) => a - b);
  const entries = await Promise.all(distinct.map(async (year) => [year, await parametersFor(db, year)] as const));
  return new Map(entries);
}

const workLabels: Record<repo.YearWork['kind'], (work: repo.YearWork) => string> = {
  supervision_plan: (work) => `已制定 ${work.year} 年度督查计划「${work.title}」`,
  inspection: (work) => `已有 ${work.year} 年度的巡查「${work.title}」（编号 ${work.id}）`,
  problem: (work) => `问题台账已有 ${work.year} 年的问题（编号 ${work.id}）`,
};

const FROZEN_RULE = '年度工作开始后，该年度适用的参数不得修改';

/**
 * Why `key` of `year` may no longer change, or null: the year's own work has started, or a later year whose work
 * has started reads this value because it has none of its own — either way work already done would change its rules.
 */
function lockReasonOf(year: number, key: ParameterKey, firstStarted: repo.YearWork | undefined, nextOwnYear: number | undefined): string | null {
  if (!firstStarted) return null;
  const label = definitionOf(key).label;
  if (firstStarted.year === year) {
    return `根据参数配置的规则（${FROZEN_RULE}），${year} 年度的工作已经开始（${workLabels[firstStarted.kind](firstStarted)}），不能再修改该年度的「${label}」；如需调整，请设定以后年度的参数。`;
  }
  if (nextOwnYear === undefined || nextOwnYear > firstStarted.year) {
    return `根据参数配置的规则（${FROZEN_RULE}），${firstStarted.year} 年度的工作已经开始（${workLabels[firstStarted.kind](firstStarted)}），且该年度沿用 ${year} 年的「${label}」：修改会改变已开展工作适用的规则，请设定 ${firstStarted.year + 1} 年或以后年度的参数。`;
  }
  return null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function toParameterView(
  actor: Actor,
  year: number,
  key: ParameterKey,
  row: repo.EffectiveParameterRow | undefined,
  lockReason: string | null,
) {
  const definition = definitionOf(key);
  const value = row ? parseStored(key, row) : definition.defaultValue;
  const source: 'year' | 'inherited' | 'default' = !row ? 'default' : row.year === year ? 'year' : 'inherited';
  const actions: ParameterAction[] = parameterEditorRoles.includes(actor.role) && lockReason === null ? ['edit'] : [];
  return {
    key,
    group: definition.group,
    groupLabel: parameterGroupLabels[definition.group],
    label: definition.label,
    article: definition.article,
    quote: definition.quote,
    note: definition.note,
    unit: definition.unit,
    input: definition.input,
    defaultValue: definition.defaultValue,
    defaultText: definition.format(definition.defaultValue),
    value,
    valueText: definition.format(value),
    isDefault: sameValue(value, definition.defaultValue),
    source,
    sourceYear: row?.year ?? null,
    sourceText: source === 'year' ? `${year} 年设定` : source === 'inherited' ? `沿用 ${row!.year} 年` : '默认值',
    updatedByName: row ? (row.updated_by_name ?? '系统初始化') : null,
    updatedAt: row ? row.updated_at.toISOString() : null,
    lockReason,
    actions,
  };
}

export type ParameterView = ReturnType<typeof toParameterView>;

async function viewsOf(db: Kysely<DB> | Transaction<DB>, actor: Actor, year: number) {
  const [rows, nextOwnYears, firstStarted] = await Promise.all([repo.listEffectiveRows(db, year), repo.listNextOwnYears(db, year), repo.findFirstStartedWork(db, year)]);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const items = parameterKeys.map((key) => toParameterView(actor, year, key, byKey.get(key), lockReasonOf(year, key, firstStarted, nextOwnYears.get(key))));
  const isStarted = firstStarted?.year === year;
  return {
    year,
    isStarted,
    startedBy: isStarted ? workLabels[firstStarted.kind](firstStarted) : null,
    lockReason: isStarted ? `根据参数配置的规则（${FROZEN_RULE}），${year} 年度的工作已经开始（${workLabels[firstStarted.kind](firstStarted)}），该年度的参数不能再修改；如需调整，请设定以后年度的参数。` : null,
    items,
  };
}

/** Every parameter of a year with its article, default, current value, where the value comes from and who set it. */
export async function listParameters(ctx: AppContext, actor: Actor, year: number) {
  assertRole(actor, parameterReaderRoles, '查看参数配置');
  return viewsOf(ctx.db, actor, year);
}

function invalidValue(key: ParameterKey, message: string): AppError {
  const text = `「${definitionOf(key).label}」${message}`;
  return new AppError('VALIDATION_FAILED', `请求体校验失败：字段「value」${text}`, { part: 'body', fields: [{ field: 'value', message: text }] });
}

/** A 责任清单 year must name a template of that kind that exists. */
async function assertTemplateExists(db: Kysely<DB> | Transaction<DB>, key: ParameterKey, value: unknown): Promise<void> {
  if (value === null || (key !== 'supervisionChecklistYear' && key !== 'inspectionChecklistYear')) return;
  const table = key === 'supervisionChecklistYear' ? sql.table('supervision_checklist_items') : sql.table('checklist_items');
  const found = await sql<{ year: number }>`SELECT year FROM ${table} WHERE year = ${value as number} LIMIT 1`.execute(db);
  if (found.rows.length === 0) throw invalidValue(key, `无效：没有 ${String(value)} 年的${key === 'supervisionChecklistYear' ? '督查' : '巡查'}责任清单，请先在「责任清单」中制定，或选「自动」`);
}

/**
 * The office administrator sets a year's value of one parameter: checked against the parameter's own rule,
 * refused once the year's work has started (or a started later year reads it), written with who and when,
 * and audited in the same transaction.
 */
export async function updateParameter(ctx: AppContext, actor: Actor, year: number, key: string, value: unknown) {
  assertRole(actor, parameterEditorRoles, '修改参数配置（参数由市扶贫办管理员设定）');
  if (!isParameterKey(key)) throw notFound(`参数「${key}」`);
  const definition = definitionOf(key);
  const parsed = definition.schema.safeParse(value);
  if (!parsed.success) throw invalidValue(key, parsed.error.issues[0]?.message ?? '无效');
  await ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${PARAMETERS_LOCK})`.execute(trx);
    await assertTemplateExists(trx, key, parsed.data);
    // One after another: a transaction is one connection.
    const firstStarted = await repo.findFirstStartedWork(trx, year);
    const nextOwnYears = await repo.listNextOwnYears(trx, year);
    const rows = await repo.listEffectiveRows(trx, year);
    const lockReason = lockReasonOf(year, key, firstStarted, nextOwnYears.get(key));
    if (lockReason) {
      throw new AppError('INVALID_STATE', lockReason, { rule: FROZEN_RULE, year, key, startedYear: firstStarted!.year, startedBy: workLabels[firstStarted!.kind](firstStarted!) });
    }
    const before = rows.find((row) => row.key === key);
    await repo.upsertParameter(trx, { year, key, value: parsed.data, article: definition.article, defaultValue: definition.defaultValue, updatedBy: actor.id, updatedAt: ctx.clock.now() });
    await appendAuditEvent(trx, ctx.clock, auditActorOf(actor), {
      action: 'measure_parameter.update',
      entityType: 'measure_parameter',
      entityId: `${year}/${key}`,
      before: { value: before ? before.value : definition.defaultValue, from: before ? `${before.year} 年` : '默认值' },
      after: { year, key, label: definition.label, article: definition.article, value: parsed.data },
    });
  });
  const listing = await viewsOf(ctx.db, actor, year);
  return { parameter: listing.items.find((item) => item.key === key)! };
}

/**
 * Writes the Huizhou 2017 defaults for the measures' own year when no parameter is configured yet, audited as one
 * event — what `db seed` and every start do, like the exit criteria.
 */
export async function seedParameterDefaultsIfEmpty(ctx: AppContext, actor: AuditActor): Promise<boolean> {
  if (await repo.hasAnyParameter(ctx.db)) return false;
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.hasAnyParameter(trx)) return;
    const now = ctx.clock.now();
    for (const key of parameterKeys) {
      const definition = definitionOf(key);
      await repo.upsertParameter(trx, { year: PARAMETER_SEED_YEAR, key, value: definition.defaultValue, article: definition.article, defaultValue: definition.defaultValue, updatedBy: null, updatedAt: now });
    }
    await appendAuditEvent(trx, ctx.clock, actor, { action: 'measure_parameter.seed', entityType: 'measure_parameter', entityId: String(PARAMETER_SEED_YEAR), after: { year: PARAMETER_SEED_YEAR, values: parameterDefaults } });
  });
  return true;
}
