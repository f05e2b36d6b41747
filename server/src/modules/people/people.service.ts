import type { Kysely, Transaction } from 'kysely';
import type { DB, Rank } from '../../db/schema.ts';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent, type AuditActor } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { currentYear } from '../../kernel/time.ts';
import { applyTransition, availableActions } from '../../kernel/workflow.ts';
import { findUnitById } from '../units/units.service.ts';
import { changeRequestReaderRoles, changeRequesterRoles, rosterEditorRoles } from './people.policy.ts';
import * as repo from './people.repo.ts';
import { rankLabels } from './people.schema.ts';
import { personChangeWorkflow } from './people.workflow.ts';

function toPersonView(row: repo.PersonRow) {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    unitId: row.unit_id,
    unitName: row.unit_name,
    post: row.post,
    rank: row.rank,
    rankLabel: rankLabels[row.rank],
    homeRegionCode: row.home_region_code,
    homeRegionName: row.home_region_name || null,
  };
}

function toChangeRequestView(actor: Actor, row: repo.ChangeRequestRow) {
  const actions = availableActions(personChangeWorkflow, actor, row.status).filter(
    // Only the requester (or the office head) may withdraw a request.
    (action) => action !== 'withdraw' || row.requested_by === actor.id || actor.role === 'office_admin',
  );
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    changes: {
      ...(row.new_rank ? { rank: row.new_rank, rankLabel: rankLabels[row.new_rank] } : {}),
      ...(row.new_unit_id ? { unitId: row.new_unit_id, unitName: row.new_unit_name } : {}),
    },
    current: { rank: row.current_rank, rankLabel: rankLabels[row.current_rank], unitId: row.current_unit_id, unitName: row.current_unit_name },
    reason: row.reason,
    status: row.status,
    statusLabel: personChangeWorkflow.stateLabels[row.status],
    requestedByName: row.requested_by_name,
    createdAt: row.created_at,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    actions,
  };
}

export async function listPeople(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string | undefined; unitId?: number | undefined; rank?: Rank | undefined; page: number; pageSize: number },
) {
  const { rows, total } = await repo.listVisiblePeople(ctx.db, actor, currentYear(ctx.clock), query);
  const actions = rosterEditorRoles.includes(actor.role) ? ['create'] : [];
  return { items: rows.map(toPersonView), total, page: query.page, pageSize: query.pageSize, actions };
}

/** A person with their change requests and the actions the actor may take; NOT_FOUND outside the actor's scope. */
export async function getPerson(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findVisiblePerson(ctx.db, actor, currentYear(ctx.clock), id);
  if (!row) throw notFound(`编号为 ${id} 的人员`);
  const canReadRequests = changeRequestReaderRoles.includes(actor.role);
  const changeRequests = canReadRequests ? await repo.listChangeRequests(ctx.db, { personId: id }) : [];
  return {
    person: toPersonView(row),
    changeRequests: changeRequests.map((request) => toChangeRequestView(actor, request)),
    actions: changeRequesterRoles.includes(actor.role) ? ['requestChange'] : [],
  };
}

/** The person with this id and their unit's name, for a module that checks a reference under its own access rule. */
export function findPersonById(db: Kysely<DB> | Transaction<DB>, id: number) {
  return db.selectFrom('people as p').innerJoin('units as u', 'u.id', 'p.unit_id').select(['p.id', 'p.name', 'u.name as unit_name']).where('p.id', '=', id).executeTakeFirst();
}

/** Files a request to change a person's rank and/or unit; it changes nothing until approved. */
export async function requestPersonChange(ctx: AppContext, actor: Actor, personId: number, body: { rank?: Rank | undefined; unitId?: number | undefined; reason: string }) {
  const person = await repo.findVisiblePerson(ctx.db, actor, currentYear(ctx.clock), personId);
  if (!person) throw notFound(`编号为 ${personId} 的人员`);
  assertRole(actor, changeRequesterRoles, '申请变更人员职级或单位');
  if (body.unitId !== undefined && !(await findUnitById(ctx.db, body.unitId))) {
    throw new AppError('VALIDATION_FAILED', `字段「unitId」无效：不存在编号为 ${body.unitId} 的单位`, { fields: [{ field: 'unitId', message: '单位不存在' }] });
  }
  const isNoChange = (body.rank === undefined || body.rank === person.rank) && (body.unitId === undefined || body.unitId === person.unit_id);
  if (isNoChange) {
    throw new AppError('VALIDATION_FAILED', '申请的职级和单位与现状相同，无需变更', { fields: [{ field: 'rank', message: '与现状相同' }] });
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const inserted = await trx
      .insertInto('person_change_requests')
      .values({
        person_id: personId,
        new_rank: body.rank ?? null,
        new_unit_id: body.unitId ?? null,
        reason: body.reason,
        status: 'submitted',
        requested_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'person_change_request.submit',
      entityType: 'person_change_request',
      entityId: inserted.id,
      after: { personId, rank: body.rank ?? null, unitId: body.unitId ?? null, reason: body.reason, status: 'submitted' },
    });
    return inserted.id;
  });
  return getChangeRequest(ctx, actor, id);
}

export async function listChangeRequests(ctx: AppContext, actor: Actor, status: repo.ChangeRequestRow['status'] | undefined) {
  assertRole(actor, changeRequestReaderRoles, '查看人员变更申请');
  return (await repo.listChangeRequests(ctx.db, { status })).map((row) => toChangeRequestView(actor, row));
}

async function getChangeRequest(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findChangeRequest(ctx.db, id);
  if (!row || !changeRequestReaderRoles.includes(actor.role)) throw notFound(`编号为 ${id} 的人员变更申请`);
  return toChangeRequestView(actor, row);
}

/**
 * Takes a decision on a change request. Approval applies the change to the person in the same
 * transaction, with its own audit event; of two concurrent decisions exactly one succeeds.
 */
export async function decideChangeRequest(ctx: AppContext, actor: Actor, id: number, action: 'approve' | 'reject' | 'withdraw', note: string | undefined) {
  if (!changeRequestReaderRoles.includes(actor.role)) throw notFound(`编号为 ${id} 的人员变更申请`);
  await ctx.db.transaction().execute(async (trx) => {
    const request = await repo.findChangeRequest(trx, id);
    if (!request) throw notFound(`编号为 ${id} 的人员变更申请`);
    if (action === 'withdraw' && request.requested_by !== actor.id && actor.role !== 'office_admin') {
      throw new AppError('FORBIDDEN', '只有申请人本人或市扶贫办管理员可以撤回该申请');
    }
    const decision = action === 'withdraw' ? {} : { decided_by: actor.id, decided_at: ctx.clock.now(), decision_note: note ?? null };
    await applyTransition(trx, ctx.clock, actor, personChangeWorkflow, action, id, decision);
    if (action !== 'approve') return;
    const before = await trx.selectFrom('people').select(['rank', 'unit_id']).where('id', '=', request.person_id).executeTakeFirstOrThrow();
    const after = { rank: request.new_rank ?? before.rank, unit_id: request.new_unit_id ?? before.unit_id };
    await trx.updateTable('people').set({ ...after, updated_at: ctx.clock.now() }).where('id', '=', request.person_id).execute();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'person.update',
      entityType: 'person',
      entityId: request.person_id,
      before,
      after: { ...after, changeRequestId: id },
    });
  });
  return getChangeRequest(ctx, actor, id);
}

export type PersonInput = { name: string; gender: 'male' | 'female'; unitId: number; post: string; rank: Rank; homeRegionCode?: string | null | undefined };

/** A problem with one person of a batch: `line` is the file's line (absent for a single form entry). */
export type PersonInputProblem = { line?: number; field: string; value: string; message: string };

/**
 * Adds people to the roster in one transaction, each with its audit event: all or none. The units and home regions
 * they name are checked in the database first; what is wrong comes back per line and field, in Chinese.
 */
export async function addPeople(ctx: AppContext, actor: Actor | AuditActor, people: readonly (PersonInput & { line?: number })[]) {
  if ('role' in actor) assertRole(actor, rosterEditorRoles, '在人员名册中新增人员');
  const unitIds = [...new Set(people.map((person) => person.unitId))];
  const regionCodes = [...new Set(people.flatMap((person) => (person.homeRegionCode ? [person.homeRegionCode] : [])))];
  const [knownUnits, knownRegions] = await Promise.all([
    unitIds.length ? ctx.db.selectFrom('units').select('id').where('id', 'in', unitIds).execute() : [],
    regionCodes.length ? ctx.db.selectFrom('regions').select('code').where('code', 'in', regionCodes).where('level', 'in', ['county', 'town']).execute() : [],
  ]);
  const unitSet = new Set(knownUnits.map((unit) => unit.id));
  const regionSet = new Set(knownRegions.map((region) => region.code));
  const problems: PersonInputProblem[] = people.flatMap((person) => [
    ...(unitSet.has(person.unitId) ? [] : [{ line: person.line, field: 'unitId', value: String(person.unitId), message: '不存在该单位' }]),
    ...(!person.homeRegionCode || regionSet.has(person.homeRegionCode)
      ? []
      : [{ line: person.line, field: 'homeRegionCode', value: person.homeRegionCode, message: '不是已载入的县（区）或镇（街道）代码' }]),
  ]);
  if (problems.length > 0) throw invalidPeople(problems);
  const who = 'role' in actor ? { id: actor.id, name: actor.displayName } : actor;
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const inserted = await trx
      .insertInto('people')
      .values(
        people.map((person) => ({
          name: person.name,
          gender: person.gender,
          unit_id: person.unitId,
          post: person.post,
          rank: person.rank,
          home_region_code: person.homeRegionCode ?? null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'name', 'unit_id', 'rank'])
      .execute();
    for (const person of inserted) {
      await appendAuditEvent(trx, ctx.clock, who, { action: 'person.create', entityType: 'person', entityId: person.id, after: { name: person.name, unitId: person.unit_id, rank: person.rank } });
    }
    return inserted.map((person) => person.id);
  });
}

function invalidPeople(problems: PersonInputProblem[]): AppError {
  const first = problems[0]!;
  const where = first.line === undefined ? '' : `第 ${first.line} 行`;
  const more = problems.length > 1 ? `等 ${problems.length} 处问题` : '';
  return new AppError('VALIDATION_FAILED', `${where}字段「${first.field}」（${first.value}）：${first.message}${more}；未新增任何人员`, {
    fields: problems.map((problem) => ({ field: problem.field, message: problem.message, ...(problem.line === undefined ? {} : { line: problem.line }), value: problem.value })),
  });
}

/** Adds one person from the 人员 page's form. */
export async function createPerson(ctx: AppContext, actor: Actor, body: PersonInput) {
  const [id] = await addPeople(ctx, actor, [body]);
  return (await getPerson(ctx, actor, id!)).person;
}
