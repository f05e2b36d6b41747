import type { SupervisionStatus, SupervisionType } from '../../db/schema.supervisions.ts';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { applyTransition, availableActions } from '../../kernel/workflow.ts';
import { findAssessmentUnit } from '../regions/regions.service.ts';
import * as teams from '../teams/teams.service.ts';
import { canReadReport, cityWideSupervisionReaders, supervisionOfficeRoles } from './supervisions.policy.ts';
import * as repo from './supervisions.repo.ts';
import { supervisionTypeLabels } from './supervisions.schema.ts';
import { supervisionPlanWorkflow, supervisionWorkflow, type SupervisionAction } from './supervisions.workflow.ts';

const notFoundSupervision = (id: number) => notFound(`编号为 ${id} 的督查`);
const notFoundPlan = (id: number) => notFound(`编号为 ${id} 的年度督查计划`);

/** The workflow actions this actor may take now; a team leader only on the team they lead. */
function actionsFor(actor: Actor, row: repo.SupervisionRow): SupervisionAction[] {
  return availableActions(supervisionWorkflow, actor, row.status).filter(() => actor.role !== 'team_leader' || row.team_role === 'leader');
}

function toSupervisionView(actor: Actor, row: repo.SupervisionRow) {
  return {
    id: row.id,
    planId: row.plan_id,
    year: row.year,
    type: row.type,
    typeLabel: supervisionTypeLabels[row.type],
    target: {
      kind: row.target_kind,
      assessmentUnitCode: row.target_assessment_unit_code,
      unitId: row.target_unit_id,
      name: row.target_name,
      countyCode: row.target_county_code,
      countyName: row.target_county_name,
    },
    topic: row.topic,
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    status: row.status,
    statusLabel: supervisionWorkflow.stateLabels[row.status],
    proposedByName: row.proposed_by_name,
    createdAt: row.created_at,
    approvedByName: row.approved_by_name,
    approvedAt: row.approved_at,
    report: canReadReport(actor) ? row.report : null,
    reportSubmittedAt: row.report_submitted_at,
    closedAt: row.closed_at,
    myTeamRole: row.team_role,
    actions: actionsFor(actor, row),
  };
}

async function requireVisible(ctx: AppContext, actor: Actor, id: number): Promise<repo.SupervisionRow> {
  const row = await repo.findVisibleSupervision(ctx.db, actor, id);
  if (!row) throw notFoundSupervision(id);
  return row;
}

function toPlanView(actor: Actor, row: repo.PlanRow) {
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    status: row.status,
    statusLabel: supervisionPlanWorkflow.stateLabels[row.status],
    createdByName: row.created_by_name,
    approvedByName: row.approved_by_name,
    approvedAt: row.approved_at,
    supervisionCount: row.supervision_count,
    actions: availableActions(supervisionPlanWorkflow, actor, row.status),
  };
}

/** The annual plans (督6) for city-wide readers; FORBIDDEN for anyone else. */
export async function listPlans(ctx: AppContext, actor: Actor, year: number | undefined) {
  assertRole(actor, cityWideSupervisionReaders, '查看年度督查计划');
  const rows = await repo.listPlans(ctx.db, year);
  return rows.map((row) => toPlanView(actor, row));
}

async function requirePlan(ctx: AppContext, actor: Actor, id: number) {
  const plan = (await repo.listPlans(ctx.db, undefined)).find((row) => row.id === id);
  if (!plan || !cityWideSupervisionReaders.includes(actor.role)) throw notFoundPlan(id);
  return plan;
}

/** 督6: the city office drafts the year's supervision plan; one plan per year. */
export async function createPlan(ctx: AppContext, actor: Actor, body: { year: number; title: string }) {
  assertRole(actor, supervisionOfficeRoles, '制定年度督查计划（须由市扶贫办制定）');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const inserted = await trx
      .insertInto('supervision_plans')
      .values({ year: body.year, title: body.title, status: 'draft', created_by: actor.id, created_at: now, updated_at: now })
      .onConflict((conflict) => conflict.column('year').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      throw new AppError('CONFLICT', `字段「year」无效：${body.year} 年度的督查计划已经存在，每年只制定一份年度督查计划`, {
        fields: [{ field: 'year', message: '该年度的督查计划已经存在' }],
      });
    }
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision_plan.create',
      entityType: 'supervision_plan',
      entityId: inserted.id,
      after: { year: body.year, title: body.title, status: 'draft' },
    });
    return inserted.id;
  });
  return toPlanView(actor, await requirePlan(ctx, actor, id));
}

/** 督6: the head of the city office approves the annual plan; of two concurrent approvals exactly one succeeds. */
export async function approvePlan(ctx: AppContext, actor: Actor, id: number) {
  await requirePlan(ctx, actor, id);
  await ctx.db.transaction().execute((trx) =>
    applyTransition(trx, ctx.clock, actor, supervisionPlanWorkflow, 'approve', id, { approved_by: actor.id, approved_at: ctx.clock.now() }),
  );
  return toPlanView(actor, await requirePlan(ctx, actor, id));
}

export async function listSupervisions(
  ctx: AppContext,
  actor: Actor,
  filter: { year?: number | undefined; status?: SupervisionStatus | undefined; type?: SupervisionType | undefined },
) {
  const rows = await repo.listVisibleSupervisions(ctx.db, actor, filter);
  return rows.map((row) => toSupervisionView(actor, row));
}

/** A supervision with its team and the actions the actor may take; NOT_FOUND outside the actor's scope. */
export async function getSupervision(ctx: AppContext, actor: Actor, id: number) {
  const row = await requireVisible(ctx, actor, id);
  const members = await repo.listTeamMembers(ctx.db, id);
  return {
    supervision: toSupervisionView(actor, row),
    team: members.map((member) => ({
      personId: member.person_id,
      name: member.name,
      unitName: member.unit_name,
      post: member.post,
      role: member.role,
      roleLabel: member.role === 'leader' ? '组长' : '成员',
    })),
  };
}

function invalidField(field: string, message: string, rule: string): AppError {
  return new AppError('VALIDATION_FAILED', `字段「${field}」无效：${message}`, { fields: [{ field, message: rule }] });
}

/** 督6, 督8: the city office adds a 综合督查 or 专项督查 of one county (district) or one assistance unit to the year's plan. */
export async function proposeSupervision(
  ctx: AppContext,
  actor: Actor,
  body: {
    planId: number;
    type: SupervisionType;
    targetAssessmentUnitCode?: string | undefined;
    targetUnitId?: number | undefined;
    topic: string;
    plannedStart?: string | undefined;
    plannedEnd?: string | undefined;
  },
) {
  assertRole(actor, supervisionOfficeRoles, '提出督查事项（须由市扶贫办提出）');
  const plan = (await repo.listPlans(ctx.db, undefined)).find((row) => row.id === body.planId);
  if (!plan) throw invalidField('planId', `不存在编号为 ${body.planId} 的年度督查计划`, '年度督查计划不存在');
  if (body.targetAssessmentUnitCode !== undefined && !(await findAssessmentUnit(ctx.db, body.targetAssessmentUnitCode))) {
    throw invalidField('targetAssessmentUnitCode', `不存在代码为 ${body.targetAssessmentUnitCode} 的考核单位`, '考核单位不存在');
  }
  if (body.targetUnitId !== undefined) {
    const unit = await ctx.db.selectFrom('units').select(['id', 'name', 'assistance_category']).where('id', '=', body.targetUnitId).executeTakeFirst();
    if (!unit) throw invalidField('targetUnitId', `不存在编号为 ${body.targetUnitId} 的单位`, '单位不存在');
    if (unit.assistance_category === null) {
      throw invalidField('targetUnitId', `${unit.name}不是帮扶单位，督查对象须为县（区）或帮扶单位（第八条）`, '须为帮扶单位');
    }
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const inserted = await trx
      .insertInto('supervisions')
      .values({
        plan_id: plan.id,
        type: body.type,
        target_assessment_unit_code: body.targetAssessmentUnitCode ?? null,
        target_unit_id: body.targetUnitId ?? null,
        topic: body.topic,
        planned_start: body.plannedStart ?? null,
        planned_end: body.plannedEnd ?? null,
        status: 'proposed',
        proposed_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision.propose',
      entityType: 'supervision',
      entityId: inserted.id,
      after: {
        planId: plan.id,
        type: body.type,
        targetAssessmentUnitCode: body.targetAssessmentUnitCode ?? null,
        targetUnitId: body.targetUnitId ?? null,
        topic: body.topic,
        status: 'proposed',
      },
    });
    return inserted.id;
  });
  return getSupervision(ctx, actor, id);
}

/** 督6: the head of the city office approves a supervision item; of two concurrent approvals exactly one succeeds. */
export async function approveSupervision(ctx: AppContext, actor: Actor, id: number) {
  await requireVisible(ctx, actor, id);
  await ctx.db.transaction().execute((trx) =>
    applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'approve', id, { approved_by: actor.id, approved_at: ctx.clock.now() }),
  );
  return getSupervision(ctx, actor, id);
}

/** 督7: team leader and staff are drawn from the member units of the city's leading group; refuses anyone else, naming the article. */
export function assertFromLeadingGroupMemberUnit(person: { id: number; name: string; unit_name: string; is_leading_group_member: boolean }): void {
  if (person.is_leading_group_member) return;
  throw new AppError(
    'RULE_VIOLATION',
    `根据《督查巡查办法》第七条，督查组组长和工作人员从市扶贫开发领导小组成员单位抽调：${person.name}所在的${person.unit_name}不是领导小组成员单位，不能参加督查组`,
    { rule: '督7', personId: person.id },
  );
}

/**
 * Forms the supervision team after approval: one leader (组长负责制) and members, everyone from a
 * leading-group member unit (督7) and, when a county is supervised, nobody from it (督5).
 * The team, the state change and the audit events commit together.
 */
export async function formTeam(ctx: AppContext, actor: Actor, id: number, body: { leaderId: number; memberIds: number[] }) {
  const row = await requireVisible(ctx, actor, id);
  assertRole(actor, supervisionWorkflow.actions.formTeam.by, '组建督查组');
  const ids = [body.leaderId, ...body.memberIds];
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'formTeam', id);
    const [candidates, memberships] = await Promise.all([teams.findTeamCandidates(trx, ids), repo.findLeadingGroupMembership(trx, ids)]);
    const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
    const missing = ids.filter((personId) => !byId.has(personId));
    if (missing.length > 0) {
      const field = missing.includes(body.leaderId) ? 'leaderId' : 'memberIds';
      throw invalidField(field, `不存在编号为 ${missing.join('、')} 的人员`, `人员 ${missing.join('、')} 不存在`);
    }
    const membershipById = new Map(memberships.map((membership) => [membership.id, membership]));
    for (const personId of ids) assertFromLeadingGroupMemberUnit(membershipById.get(personId)!);
    if (row.target_assessment_unit_code !== null && row.target_county_code !== null) {
      const supervised = { countyCode: row.target_county_code, countyName: row.target_county_name ?? row.target_name, assessmentUnitName: row.target_name };
      for (const personId of ids) teams.assertNoHomeCountyConflict(byId.get(personId)!, supervised, '督查');
    }
    await trx
      .insertInto('supervision_team_members')
      .values([
        { supervision_id: id, person_id: body.leaderId, role: 'leader' as const },
        ...body.memberIds.map((personId) => ({ supervision_id: id, person_id: personId, role: 'member' as const })),
      ])
      .execute();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision_team.form',
      entityType: 'supervision',
      entityId: id,
      after: { leaderId: body.leaderId, memberIds: body.memberIds },
    });
  });
  return getSupervision(ctx, actor, id);
}

/** Refuses a team leader acting on a supervision whose team they do not lead. */
function assertOwnLeaderIfTeamLeader(actor: Actor, row: repo.SupervisionRow, what: string): void {
  if (actor.role === 'team_leader' && row.team_role !== 'leader') throw new AppError('FORBIDDEN', `只有本督查组组长可以${what}`);
}

/** 督10(2): the team goes into the field; the office or the team's own leader. */
export async function startFieldWork(ctx: AppContext, actor: Actor, id: number) {
  const row = await requireVisible(ctx, actor, id);
  assertOwnLeaderIfTeamLeader(actor, row, '宣布开展实地督查');
  await ctx.db.transaction().execute((trx) => applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'startFieldWork', id));
  return getSupervision(ctx, actor, id);
}

/** 督10(3): the team leader submits the written report (组长负责制). */
export async function submitReport(ctx: AppContext, actor: Actor, id: number, report: string) {
  const row = await requireVisible(ctx, actor, id);
  assertOwnLeaderIfTeamLeader(actor, row, '提交督查报告');
  await ctx.db.transaction().execute((trx) =>
    applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'submitReport', id, { report, report_submitted_by: actor.id, report_submitted_at: ctx.clock.now() }),
  );
  return getSupervision(ctx, actor, id);
}

/** The office closes a supervision once the report is in. */
export async function closeSupervision(ctx: AppContext, actor: Actor, id: number) {
  await requireVisible(ctx, actor, id);
  await ctx.db.transaction().execute((trx) => applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'close', id, { closed_at: ctx.clock.now() }));
  return getSupervision(ctx, actor, id);
}

/**
 * R-S2 (督8): every county (district) and every assistance unit, whether it has had an approved
 * 综合督查 this year, and the list of those not yet covered.
 */
export async function getCoverage(ctx: AppContext, actor: Actor, year: number) {
  assertRole(actor, cityWideSupervisionReaders, '查看督查覆盖情况');
  const rows = await repo.listCoverage(ctx.db, year);
  const items = rows.map((row) => ({
    kind: row.kind,
    assessmentUnitCode: row.assessment_unit_code,
    unitId: row.unit_id,
    name: row.name,
    assistanceCategory: row.assistance_category,
    comprehensiveCount: row.comprehensive_count,
    isCovered: row.comprehensive_count > 0,
  }));
  const notCovered = items.filter((item) => !item.isCovered);
  return { year, total: items.length, coveredCount: items.length - notCovered.length, items, notCovered };
}

/** The 责任清单 of 督9 for a year: the eight key areas, each with its sub-items. */
export async function listChecklist(ctx: AppContext, year: number) {
  const rows = await repo.listChecklistItems(ctx.db, year);
  const areas = rows.filter((row) => !row.code.slice(2).includes('.'));
  return areas.map((area) => ({
    id: area.id,
    area: area.area,
    code: area.code,
    title: area.title,
    items: rows.filter((row) => row.area === area.area && row.id !== area.id),
  }));
}
