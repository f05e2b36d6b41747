import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { personalDataAccessOf, presentPerson, showName } from '../../kernel/privacy.ts';
import { currentYear, todayInShanghai } from '../../kernel/time.ts';
import { applyTransition, availableActions } from '../../kernel/workflow.ts';
import { attributeLabels, causeLabels, healthLabels, labourLabels, relationLabels, sexLabels, statusLabels } from './registry.format.ts';
import type { AnomalyKind } from './registry.generate.ts';
import { isHouseholdVisible, registryWriterRoles, snapshotComparerRoles, snapshotReaderRoles, snapshotRoles } from './registry.policy.ts';
import * as repo from './registry.repo.ts';
import { evidenceLabels } from './registry.schema.ts';
import { detectors, runDetectorsForHousehold, signalParametersFor } from './registry.signals.ts';
import { writeSignalCsv } from './registry.signals-export.ts';
import { diffSnapshots, listSnapshots, takeSnapshot } from './registry.snapshot.ts';
import { householdStatusWorkflow, requiredEvidence } from './registry.workflow.ts';
import { importTemplateWorkbook, XLSX_CONTENT_TYPE } from './registry.workbook.ts';

const actorOfAudit = (actor: Actor) => ({ id: actor.id, name: actor.displayName });

/** The year the registry speaks of when none is asked for: the latest year with exits, else last year. */
async function defaultDataYear(ctx: AppContext): Promise<number> {
  const row = await ctx.db.selectFrom('households').select((eb) => eb.fn.max('exit_year').as('year')).executeTakeFirst();
  return row?.year ?? currentYear(ctx.clock) - 1;
}

export async function listHouseholds(ctx: AppContext, actor: Actor, filters: repo.HouseholdFilters & { flag?: string | undefined }) {
  const year = currentYear(ctx.clock);
  let flagged;
  if (filters.flag) {
    const detector = detectors.find((candidate) => candidate.kind === filters.flag)!;
    flagged = detector.query(await signalParametersFor(ctx.db, filters.exitYear ?? (await defaultDataYear(ctx))));
  }
  const access = personalDataAccessOf(actor);
  const { rows, total } = await repo.listHouseholds(ctx.db, actor, year, filters, flagged);
  return {
    total,
    page: filters.page,
    pageSize: filters.pageSize,
    items: rows.map((row) => ({
      id: Number(row.id),
      householdNo: row.household_no,
      headName: showName(access, row.head_name),
      villageCode: row.village_code,
      place: `${row.county_name} ${row.town_name} ${row.village_name}`,
      attribute: row.attribute,
      attributeLabel: attributeLabels[row.attribute as keyof typeof attributeLabels],
      status: row.status,
      statusLabel: statusLabels[row.status as keyof typeof statusLabels],
      exitYear: row.exit_year,
      mainCause: row.main_cause,
      mainCauseLabel: causeLabels[row.main_cause as keyof typeof causeLabels],
      memberCount: row.member_count,
      perCapitaIncome: row.per_capita_income === null ? null : Number(row.per_capita_income),
      incomeYear: row.income_year,
    })),
  };
}

/**
 * A household with its members, incomes, status history, evidence and flags; names, 身份证号, phone and birth as the
 * masking policy lets the actor see them (never a full 身份证号, never a birth date beside a masked one).
 */
export async function getHousehold(ctx: AppContext, actor: Actor, id: number) {
  const year = currentYear(ctx.clock);
  const household = await repo.findVisibleHousehold(ctx.db, actor, year, id);
  if (!household) throw notFound(`编号为 ${id} 的贫困户`);
  const access = personalDataAccessOf(actor);
  const [members, incomes, history] = await Promise.all([
    ctx.db.selectFrom('household_members').selectAll().where('household_id', '=', id).orderBy('id').execute(),
    ctx.db.selectFrom('household_incomes').selectAll().where('household_id', '=', id).orderBy('year', 'desc').execute(),
    ctx.db.selectFrom('household_status_changes').selectAll().where('household_id', '=', id).orderBy('effective_on').orderBy('id').execute(),
  ]);
  // Flags are computed for the year of the exit (or last year); none when that year has no criteria configured.
  // Each detector runs for this household alone: a few index lookups, not a pass over the registry.
  const flagYear = Math.min((household.exit_year as number | null) ?? year - 1, year);
  const parameters = await signalParametersFor(ctx.db, flagYear).catch(() => null);
  const found = parameters ? await runDetectorsForHousehold(ctx.db, parameters, id) : new Map<AnomalyKind, { evidence: unknown }>();
  const flags = detectors
    .filter((detector) => found.has(detector.kind))
    .map((detector) => ({ kind: detector.kind, label: detector.label, basis: detector.basis, evidence: found.get(detector.kind)!.evidence }));
  const status = household.status as keyof typeof statusLabels;
  return {
    household: {
      id: Number(household.id),
      householdNo: household.household_no,
      headName: showName(access, String(household.head_name)),
      place: `${household.county_name} ${household.town_name} ${household.village_name}`,
      villageCode: household.village_code,
      attribute: household.attribute,
      attributeLabel: attributeLabels[household.attribute as keyof typeof attributeLabels],
      identifiedYear: household.identified_year,
      status,
      statusLabel: statusLabels[status],
      exitYear: household.exit_year,
      exitDate: household.exit_date,
      mainCause: household.main_cause,
      mainCauseLabel: causeLabels[household.main_cause as keyof typeof causeLabels],
      otherCauses: household.other_causes,
      otherCauseLabels: (household.other_causes as string[]).map((cause) => causeLabels[cause as keyof typeof causeLabels]),
      housingGrade: household.housing_grade,
      conditions: {
        safeWater: household.has_safe_water,
        electricity: household.has_electricity,
        sanitaryToilet: household.has_sanitary_toilet,
        foodClothing: household.food_clothing_secure,
        education: household.education_secured,
        medical: household.medical_secured,
        housing: household.housing_secured,
      },
      assistancePerson: household.assistance_person,
      assistanceUnit: household.assistance_unit,
      phone: presentPerson(access, { name: '', phoneMasked: household.phone_masked as string | null }).phone,
      memberCount: household.member_count,
    },
    members: members.map((member) => ({
      id: Number(member.id),
      ...presentPerson(access, { name: member.name, idMasked: member.id_masked, birthDate: member.birth_date }),
      sex: member.sex,
      sexLabel: sexLabels[member.sex],
      relation: member.relation,
      relationLabel: relationLabels[member.relation as keyof typeof relationLabels],
      ethnicity: member.ethnicity,
      education: member.education,
      health: member.health,
      healthLabel: healthLabels[member.health],
      labourAbility: member.labour_ability,
      labourLabel: labourLabels[member.labour_ability],
      migrantMonths: member.migrant_months,
    })),
    incomes: incomes.map((income) => ({
      year: income.year,
      wage: Number(income.wage_income),
      production: Number(income.production_income),
      property: Number(income.property_income),
      transfer: Number(income.transfer_income),
      costs: Number(income.production_costs),
      perCapita: Number(income.per_capita_income),
    })),
    history: history.map((change) => ({
      id: Number(change.id),
      from: change.from_status,
      fromLabel: change.from_status ? statusLabels[change.from_status] : null,
      to: change.to_status,
      toLabel: statusLabels[change.to_status],
      effectiveOn: change.effective_on,
      recordedAt: change.recorded_at,
      actorName: change.actor_name,
      evidence: (change.evidence as { kind: keyof typeof evidenceLabels; reference: string }[]).map((item) => ({ ...item, label: evidenceLabels[item.kind] })),
      note: change.note,
    })),
    flags,
    actions: availableActions(householdStatusWorkflow, actor, status),
  };
}

/**
 * Changes a household's status (R-R2) with its evidence, in one transaction with the audit
 * event. An exit must meet the year's criteria (R-R3): income at or above the exit line and
 * 两不愁三保障 met.
 */
export async function changeHouseholdStatus(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: 'exit' | 'return' | 'remove',
  body: { effectiveOn: string; evidence: { kind: keyof typeof evidenceLabels; reference: string }[]; note: string },
) {
  const year = currentYear(ctx.clock);
  const household = await repo.findVisibleHousehold(ctx.db, actor, year, id);
  if (!household) throw notFound(`编号为 ${id} 的贫困户`);
  const missing = requiredEvidence[action].filter((kind) => !body.evidence.some((item) => item.kind === kind));
  if (missing.length > 0) {
    throw new AppError('RULE_VIOLATION', `缺少证明材料：${missing.map((kind) => evidenceLabels[kind]).join('、')}（贫困户状态变更须经民主评议、公示等程序，R-R2）`, {
      fields: [{ field: 'evidence', message: `缺少 ${missing.join(', ')}` }],
    });
  }
  const today = todayInShanghai(ctx.clock);
  if (body.effectiveOn > today) throw new AppError('VALIDATION_FAILED', '字段「effectiveOn」不能晚于今天', { fields: [{ field: 'effectiveOn', message: '不能晚于今天' }] });
  const effectiveYear = Number(body.effectiveOn.slice(0, 4));
  if (action === 'exit') await assertExitCriteriaMet(ctx, id, effectiveYear, household);
  await ctx.db.transaction().execute(async (trx) => {
    const patch = action === 'exit' ? { exit_year: effectiveYear, exit_date: body.effectiveOn, updated_by: actor.displayName } : { updated_by: actor.displayName };
    await applyTransition(trx, ctx.clock, actor, householdStatusWorkflow, action, id, patch);
    await trx
      .insertInto('household_status_changes')
      .values({
        household_id: id,
        from_status: household.status as never,
        to_status: householdStatusWorkflow.actions[action].to,
        effective_on: body.effectiveOn,
        recorded_at: ctx.clock.now(),
        actor_name: actor.displayName,
        evidence: JSON.stringify(body.evidence),
        note: body.note,
      })
      .execute();
  });
  return getHousehold(ctx, actor, id);
}

async function assertExitCriteriaMet(ctx: AppContext, id: number, year: number, household: Record<string, unknown>) {
  const criteria = await ctx.db.selectFrom('exit_criteria').selectAll().where('year', '=', year).executeTakeFirst();
  if (!criteria) throw new AppError('RULE_VIOLATION', `未配置 ${year} 年的脱贫标准，无法判定是否达到退出条件（R-R3）`);
  const income = await ctx.db.selectFrom('household_incomes').select('per_capita_income').where('household_id', '=', id).where('year', '=', year).executeTakeFirst();
  const line = Number(criteria.exit_income_line);
  if (!income || Number(income.per_capita_income) < line) {
    throw new AppError('RULE_VIOLATION', `${year} 年家庭人均可支配收入${income ? ` ${Number(income.per_capita_income)} 元` : '未登记'}，未达到当年脱贫线 ${line} 元，不能标注脱贫（R-R3）`);
  }
  const unmet = [
    ['food_clothing_secure', '不愁吃穿'],
    ['education_secured', '义务教育有保障'],
    ['medical_secured', '基本医疗有保障'],
    ['housing_secured', '住房安全有保障'],
  ].filter(([column]) => household[column!] !== true);
  if (unmet.length > 0) {
    throw new AppError('RULE_VIOLATION', `尚未实现"两不愁三保障"：${unmet.map(([, label]) => label).join('、')}，不能标注脱贫（R-R3）`);
  }
}

export type IndicatorBasis = { kind: 'snapshot'; asOf: string; hash: string; snapshotId: number; takenAt: Date } | { kind: 'live'; asOf: string };

/**
 * The county indicators of a year as of its 31 December: from the latest cut-off snapshot of that day when one
 * has been frozen (what the assessment reads, 考7), else derived from the live registry's status history; the
 * answer says which (`basis`). `basis: 'live'` asks for the live derivation even when a snapshot exists.
 */
export async function registrySummary(ctx: AppContext, actor: Actor, query: { year?: number | undefined; basis?: 'auto' | 'live' | undefined }) {
  const year = query.year ?? (await defaultDataYear(ctx));
  const asOf = `${year}-12-31`;
  const snapshot = query.basis === 'live' ? undefined : await repo.latestSnapshotAsOf(ctx.db, asOf);
  const basis: IndicatorBasis = snapshot
    ? { kind: 'snapshot', asOf, hash: snapshot.content_hash, snapshotId: snapshot.id, takenAt: snapshot.taken_at }
    : { kind: 'live', asOf };
  const counted = snapshot
    ? await repo.countyIndicatorsFromSnapshot(ctx.db, actor, snapshot.id, year, currentYear(ctx.clock))
    : await repo.countyIndicators(ctx.db, actor, year, currentYear(ctx.clock));
  // The city sees every unit of 考2, a unit without households as zeros; everyone else the units of their scope.
  const none = { poor_households: 0, poor_people: 0, exits: 0, exits_failing_criteria: 0, mean_income: null, mean_income_previous: null };
  const rows =
    actor.scope.kind === 'city'
      ? (await repo.assessmentUnitsOfYear(ctx.db, year)).map((unit) => counted.find((row) => row.unit_code === unit.code) ?? { ...none, unit_code: unit.code, unit_name: unit.name })
      : counted;
  return {
    year,
    basis,
    items: rows.map((row) => {
      const mean = row.mean_income === null ? null : Number(row.mean_income);
      const previous = row.mean_income_previous === null ? null : Number(row.mean_income_previous);
      return {
        unitCode: row.unit_code,
        // A town's liaison sees its own town's figures: they carry the town's name, not the unit's.
        unitName: actor.scope.kind === 'town' ? `${row.unit_name}${actor.scope.name}` : row.unit_name,
        poorHouseholds: row.poor_households,
        poorPeople: row.poor_people,
        exits: row.exits,
        exitsFailingCriteria: row.exits_failing_criteria,
        meanIncome: mean,
        incomeGrowth: mean !== null && previous ? Math.round(((mean - previous) / previous) * 10000) / 10000 : null,
      };
    }),
  };
}

/**
 * The 数字脱贫 flags of a year, per detector, within the actor's scope: each detector's total and one page of its
 * households (ordered by county and household number) with the evidence for each.
 */
export async function listSignals(
  ctx: AppContext,
  actor: Actor,
  query: { year?: number | undefined; kind?: string | undefined; countyCode?: string | undefined; offset: number; limit: number },
) {
  const year = query.year ?? (await defaultDataYear(ctx));
  const parameters = await signalParametersFor(ctx.db, year);
  const access = personalDataAccessOf(actor);
  const results = [];
  for (const detector of detectors) {
    if (query.kind && detector.kind !== query.kind) continue;
    const rows = await sql<{ total: number; household_id: number | null; household_no: string; county_name: string; head_name: string; evidence: unknown }>`
      WITH flagged AS MATERIALIZED (
        SELECT d.household_id, d.household_no, d.county_code, c.name AS county_name, h.head_name, d.evidence
        FROM (${detector.query(parameters)}) d JOIN households h ON h.id = d.household_id JOIN regions c ON c.code = d.county_code
        WHERE ${isHouseholdVisible(actor, currentYear(ctx.clock))} AND (${query.countyCode ?? null}::text IS NULL OR d.county_code = ${query.countyCode ?? null})
      )
      SELECT t.total, page.* FROM (SELECT count(*)::int AS total FROM flagged) t
      LEFT JOIN LATERAL (SELECT * FROM flagged ORDER BY county_code, household_no LIMIT ${query.limit} OFFSET ${query.offset}) page ON true`.execute(ctx.db);
    results.push({
      kind: detector.kind as AnomalyKind,
      label: detector.label,
      basis: detector.basis,
      total: rows.rows[0]?.total ?? 0,
      offset: query.offset,
      limit: query.limit,
      items: rows.rows
        .filter((row) => row.household_id !== null)
        .map((row) => ({
          householdId: Number(row.household_id),
          householdNo: row.household_no,
          countyName: row.county_name,
          headName: showName(access, row.head_name),
          evidence: row.evidence,
        })),
    });
  }
  return { year, parameters, detectors: results };
}

/**
 * The XLSX import template (header row, text-formatted digit columns, 填写说明). It holds no data, so everyone who
 * prepares registry files has it: the office, and the counties and towns that send theirs to the office.
 */
export async function importTemplate(actor: Actor) {
  assertRole(actor, registryWriterRoles, '下载建档立卡导入模板');
  return { fileName: '建档立卡导入模板.xlsx', contentType: XLSX_CONTENT_TYPE, body: await importTemplateWorkbook() };
}

/**
 * All households one detector flags in a year, within the actor's scope, as a CSV stream (身份证号 masked, names
 * shortened for third parties). The year's criteria are checked before the stream starts, so a refusal is an
 * ordinary error reply.
 */
export async function exportSignals(ctx: AppContext, actor: Actor, query: { year?: number | undefined; kind: AnomalyKind; countyCode?: string | undefined }) {
  const year = query.year ?? (await defaultDataYear(ctx));
  const parameters = await signalParametersFor(ctx.db, year);
  const detector = detectors.find((candidate) => candidate.kind === query.kind)!;
  const visible = sql<boolean>`${isHouseholdVisible(actor, currentYear(ctx.clock))} AND (${query.countyCode ?? null}::text IS NULL OR h.county_code = ${query.countyCode ?? null})`;
  const stream = new PassThrough();
  // A failure after the headers are sent can only cut the response short; Fastify logs the stream's error.
  writeSignalCsv(ctx, stream, { ...detector, query: detector.query(parameters) }, visible, personalDataAccessOf(actor)).catch((error: unknown) => {
    if (!stream.destroyed) stream.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return { fileName: `数字脱贫信号-${detector.label}-${year}.csv`, stream };
}

export async function snapshotRegistry(ctx: AppContext, actor: Actor, asOf: string) {
  assertRole(actor, snapshotRoles, '冻结建档立卡数据（截止日快照）');
  return takeSnapshot(ctx, actorOfAudit(actor), asOf);
}

export async function snapshots(ctx: AppContext, actor: Actor) {
  assertRole(actor, snapshotReaderRoles, '查看截止日快照');
  return listSnapshots(ctx.db);
}

export async function snapshotDiff(ctx: AppContext, actor: Actor, fromId: number, toId: number) {
  assertRole(actor, snapshotComparerRoles, '比较截止日快照');
  const found = await ctx.db.selectFrom('registry_snapshots').select('id').where('id', 'in', [fromId, toId]).execute();
  if (found.length < new Set([fromId, toId]).size) throw notFound('所比较的快照');
  return diffSnapshots(ctx.db, fromId, toId);
}

export async function recordAuditedReveal(ctx: AppContext, actor: Actor, memberId: number) {
  assertRole(actor, ['office_admin'], '查看完整身份证号');
  const member = await ctx.db.selectFrom('household_members').select(['id', 'id_cipher', 'household_id']).where('id', '=', memberId).executeTakeFirst();
  if (!member) throw notFound(`编号为 ${memberId} 的家庭成员`);
  await ctx.db.transaction().execute((trx) =>
    appendAuditEvent(trx, ctx.clock, actorOfAudit(actor), { action: 'household_member.reveal_id', entityType: 'household_member', entityId: memberId, after: { householdId: Number(member.household_id) } }),
  );
  return { idNumber: ctx.personalData.decrypt(member.id_cipher) };
}
