import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ComplaintChannel } from '../../db/schema.complaints.ts';
import type { DB, ProblemCategory } from '../../db/schema.ts';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { maskPhone } from '../../kernel/privacy.ts';
import { addCalendarMonths, currentYear, todayInShanghai } from '../../kernel/time.ts';
import { applyTransition, applyTransitionWithoutAccount } from '../../kernel/workflow.ts';
import { parametersFor } from '../parameters/parameters.service.ts';
import { findAssessmentUnit } from '../regions/regions.service.ts';
import { complainantIdentitiesOf, identityOfComplaint, identityPartsIn, scrubComplainantIdentity, scrubComplainantIdentityDeep } from './complaints.identity.ts';
import { complaintOfficeRoles, complaintReaderRoles, isComplaintOffice } from './complaints.policy.ts';
import * as repo from './complaints.repo.ts';
import { channelLabels, TRACKING_ALPHABET, TRACKING_CODE_LENGTH } from './complaints.schema.ts';
import { matchesShownText, shapeComplaintForViewer, type ComplaintViewer } from './complaints.view.ts';
import { complaintWorkflow, type ComplaintAction } from './complaints.workflow.ts';

const notFoundComplaint = (id: number) => notFound(`编号为 ${id} 的举报`);
// Deliberately the same answer for a code that never existed and one mistyped: nothing to probe.
const notFoundCode = () => new AppError('NOT_FOUND', '未找到该查询码对应的举报，请核对查询码');
const COMPLAINANT = { id: null, name: '举报人（凭查询码）' };

/** A random tracking code: 12 characters from 32, 60 bits — not guessable, and rate-limited besides. */
export function newTrackingCode(): string {
  // 256 is a multiple of 32, so taking each byte modulo 32 keeps every character equally likely.
  return [...randomBytes(TRACKING_CODE_LENGTH)].map((byte) => TRACKING_ALPHABET[byte % TRACKING_ALPHABET.length]).join('');
}

function shape(ctx: AppContext, viewer: ComplaintViewer, row: repo.ComplaintRow) {
  return shapeComplaintForViewer(viewer, row, (cipher) => ctx.personalData.decrypt(cipher));
}

function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `字段「${field}」无效：${message}`, { fields: [{ field, message }] });
}

type ComplaintInput = {
  subject: string;
  content: string;
  regionCode: string;
  isAnonymous: boolean;
  name?: string | undefined;
  phone?: string | undefined;
  contact?: string | undefined;
};

async function insertComplaint(ctx: AppContext, channel: ComplaintChannel, input: ComplaintInput, recorder: Actor | null) {
  const region = await repo.findHuizhouRegion(ctx.db, input.regionCode);
  if (!region) throw fieldError('regionCode', `不存在代码为 ${input.regionCode} 的惠州市县（区）、镇（街道）或村（社区）`);
  const now = ctx.clock.now();
  const phone = input.isAnonymous ? undefined : input.phone?.replace('-', '');
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('complaints')
      .values({
        tracking_code: newTrackingCode(),
        channel,
        subject: input.subject,
        content: input.content,
        region_code: region.code,
        is_anonymous: input.isAnonymous,
        complainant_name: input.isAnonymous ? null : (input.name ?? null),
        complainant_phone_cipher: phone ? ctx.personalData.encrypt(phone) : null,
        complainant_phone_masked: phone ? maskPhone(phone) : null,
        complainant_contact: input.isAnonymous ? null : (input.contact ?? null),
        status: 'submitted',
        recorded_by: recorder?.id ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'tracking_code'])
      .executeTakeFirstOrThrow();
    // The audit chain is read by more people than the office: it records that a complaint came, not who made it.
    await appendAuditEvent(trx, ctx.clock, recorder ? { id: recorder.id, name: recorder.displayName } : COMPLAINANT, {
      action: 'complaint.file',
      entityType: 'complaint',
      entityId: inserted.id,
      after: { channel, regionCode: region.code, subject: input.subject, isAnonymous: input.isAnonymous, status: 'submitted' },
    });
    return inserted;
  });
}

/** 督4: anyone files a complaint through the public form, without an account; the answer is the tracking code. */
export async function fileComplaint(ctx: AppContext, input: ComplaintInput) {
  const inserted = await insertComplaint(ctx, 'web', input, null);
  return { trackingCode: inserted.tracking_code, status: 'submitted' as const, statusLabel: complaintWorkflow.stateLabels.submitted };
}

/** The office records a complaint that came by phone or letter; it gets a tracking code to pass on like any other. */
export async function recordComplaint(ctx: AppContext, actor: Actor, input: ComplaintInput & { channel: 'hotline' | 'letter' }) {
  assertRole(actor, complaintOfficeRoles, `登记${channelLabels[input.channel]}（须由市扶贫办登记）`);
  const inserted = await insertComplaint(ctx, input.channel, input, actor);
  return getComplaint(ctx, actor, inserted.id);
}

/** What the holder of a tracking code may see: status and answer, never the identity. */
export async function trackComplaint(ctx: AppContext, code: string) {
  const row = await repo.findComplaintByTrackingCode(ctx.db, currentYear(ctx.clock), code);
  if (!row) throw notFoundCode();
  return shape(ctx, { kind: 'complainant' }, row);
}

/** The complainant confirms the answer, or reopens the complaint with a reason; audited as the code's holder. */
export async function respondToAnswer(ctx: AppContext, code: string, input: { action: 'confirm' } | { action: 'reopen'; reason: string }) {
  const row = await repo.findComplaintByTrackingCode(ctx.db, currentYear(ctx.clock), code);
  if (!row) throw notFoundCode();
  const patch = input.action === 'confirm' ? { confirmed_at: ctx.clock.now() } : { reopen_reason: input.reason };
  await ctx.db.transaction().execute((trx) => applyTransitionWithoutAccount(trx, ctx.clock, COMPLAINANT, complaintWorkflow, input.action, row.id, patch));
  return trackComplaint(ctx, code);
}

/**
 * The inbox: the office sees every complaint; a county only those assigned to it, without the author. A county's
 * search matches the text it is shown, after the complainant's identity is masked — never what was withheld.
 */
export async function listComplaints(ctx: AppContext, actor: Actor, filter: repo.ComplaintFilter) {
  assertRole(actor, complaintReaderRoles, '查看群众举报');
  const searchesTruth = isComplaintOffice(actor);
  const rows = await repo.listVisibleComplaints(ctx.db, actor, currentYear(ctx.clock), searchesTruth ? filter : { ...filter, q: undefined });
  const items = rows.map((row) => shape(ctx, { kind: 'staff', actor }, row));
  return { items: searchesTruth || !filter.q ? items : items.filter((item) => matchesShownText(item, filter.q!)) };
}

/** One complaint shaped for the actor; NOT_FOUND outside the actor's scope. */
export async function getComplaint(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findVisibleComplaint(ctx.db, actor, currentYear(ctx.clock), id);
  if (!row) throw notFoundComplaint(id);
  return shape(ctx, { kind: 'staff', actor }, row);
}

const csvColumns: [header: string, value: (item: Record<string, unknown>) => unknown][] = [
  ['编号', (item) => item.id],
  ['渠道', (item) => item.channelLabel],
  ['举报事项', (item) => item.subject],
  ['具体情况', (item) => item.content],
  ['地点', (item) => item.regionPath],
  ['状态', (item) => item.statusLabel],
  ['交办县（区）', (item) => item.assignedUnitName],
  ['答复', (item) => item.answer],
  ['举报时间', (item) => (item.createdAt instanceof Date ? item.createdAt.toISOString() : item.createdAt)],
  ['举报人', (item) => (item.complainant as { name?: string } | null | undefined)?.name ?? (item.isAnonymous === true ? '匿名' : '')],
  ['联系电话', (item) => (item.complainant as { phone?: string } | null | undefined)?.phone ?? ''],
];

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The inbox as CSV (UTF-8 with BOM, for Excel/WPS): the same shaped records as the list, so a county's file has no author columns filled. */
export async function exportComplaintsCsv(ctx: AppContext, actor: Actor, filter: repo.ComplaintFilter): Promise<string> {
  const { items } = await listComplaints(ctx, actor, filter);
  const lines = [csvColumns.map(([header]) => header).join(',')];
  for (const item of items) lines.push(csvColumns.map(([, value]) => csvCell(value(item as unknown as Record<string, unknown>))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

type TriageInput =
  | { action: 'accept'; note?: string | undefined }
  | { action: 'reject'; reason: string }
  | { action: 'assign'; unitCode: string }
  | { action: 'answer'; answer: string };

/**
 * The office's decisions on a complaint: accept, refuse with a reason, assign to the county
 * concerned, answer. Scope first (404), then role (403) and state (409) in one conditional
 * update with its audit event; of two concurrent decisions exactly one wins.
 */
export async function actOnComplaint(ctx: AppContext, actor: Actor, id: number, input: TriageInput) {
  const row = await repo.findVisibleComplaint(ctx.db, actor, currentYear(ctx.clock), id);
  if (!row) throw notFoundComplaint(id);
  const now = ctx.clock.now();
  let patch: Record<string, unknown>;
  switch (input.action) {
    case 'accept':
      patch = { triaged_by: actor.id, triaged_at: now, decision_reason: input.note ?? null };
      break;
    case 'reject':
      patch = { triaged_by: actor.id, triaged_at: now, decision_reason: input.reason };
      break;
    case 'assign': {
      const unit = await findAssessmentUnit(ctx.db, input.unitCode);
      if (!unit) throw fieldError('unitCode', `不存在代码为 ${input.unitCode} 的县（区）考核单位`);
      patch = { triaged_by: actor.id, triaged_at: now, assigned_unit_code: unit.code };
      break;
    }
    case 'answer':
      patch = { answer: input.answer, answered_by: actor.id, answered_at: now };
      break;
  }
  const action: ComplaintAction = input.action;
  await ctx.db.transaction().execute((trx) => applyTransition(trx, ctx.clock, actor, complaintWorkflow, action, id, patch));
  return getComplaint(ctx, actor, id);
}

async function assertLinkTargets(trx: Transaction<DB>, links: { householdId?: number | null | undefined; villageCode?: string | null | undefined; problemId?: number | null | undefined; inspectionId?: number | null | undefined }) {
  if (links.householdId) {
    const household = await trx.selectFrom('households').select('id').where('id', '=', links.householdId).executeTakeFirst();
    if (!household) throw fieldError('householdId', `不存在编号为 ${links.householdId} 的建档立卡贫困户`);
  }
  if (links.villageCode) {
    const village = await trx.selectFrom('regions').select('code').where('code', '=', links.villageCode).where('level', '=', 'village').executeTakeFirst();
    if (!village) throw fieldError('villageCode', `不存在代码为 ${links.villageCode} 的村（社区）`);
  }
  if (links.problemId) {
    const problem = await trx.selectFrom('problems').select('id').where('id', '=', links.problemId).executeTakeFirst();
    if (!problem) throw fieldError('problemId', `问题台账中不存在编号为 ${links.problemId} 的问题`);
  }
  if (links.inspectionId) {
    const inspection = await trx.selectFrom('inspections').select('id').where('id', '=', links.inspectionId).executeTakeFirst();
    if (!inspection) throw fieldError('inspectionId', `不存在编号为 ${links.inspectionId} 的巡查`);
  }
}

/** The office links a complaint to a registry household, a village, a ledger problem or an inspection (null unlinks); audited. */
export async function linkComplaint(
  ctx: AppContext,
  actor: Actor,
  id: number,
  links: { householdId?: number | null | undefined; villageCode?: string | null | undefined; problemId?: number | null | undefined; inspectionId?: number | null | undefined },
) {
  assertRole(actor, complaintOfficeRoles, '关联群众举报（须由市扶贫办办理）');
  const row = await repo.findVisibleComplaint(ctx.db, actor, currentYear(ctx.clock), id);
  if (!row) throw notFoundComplaint(id);
  const columns = { householdId: 'household_id', villageCode: 'village_code', problemId: 'problem_id', inspectionId: 'inspection_id' } as const;
  const patch: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns) as [keyof typeof columns, (typeof columns)[keyof typeof columns]][]) {
    if (links[key] === undefined) continue;
    patch[column] = links[key];
    before[key] = row[column];
  }
  await ctx.db.transaction().execute(async (trx) => {
    await assertLinkTargets(trx, links);
    const updated = await trx
      .updateTable('complaints')
      .set({ ...patch, updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('status', 'not in', ['confirmed', 'not_accepted'])
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      throw new AppError('INVALID_STATE', `该举报当前状态为「${complaintWorkflow.stateLabels[row.status]}」，已办结，不能再修改关联`, { currentState: row.status, action: 'link' });
    }
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'complaint.link',
      entityType: 'complaint',
      entityId: id,
      before,
      after: links,
    });
  });
  return getComplaint(ctx, actor, id);
}

/**
 * The office turns an accepted complaint into a problem of the ledger (source 'complaint'),
 * notified at once to the county it was assigned to, with the rectification period of its year's parameters.
 */
export async function createProblemFromComplaint(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { category: ProblemCategory; description: string; requirement: string },
) {
  assertRole(actor, complaintOfficeRoles, '将举报转入问题台账（须由市扶贫办办理）');
  const row = await repo.findVisibleComplaint(ctx.db, actor, currentYear(ctx.clock), id);
  if (!row) throw notFoundComplaint(id);
  const unitCode = row.assigned_unit_code ?? row.suggested_unit_code;
  if (!unitCode) throw new AppError('INVALID_STATE', '该举报尚未交办县（区），无法确定整改责任单位', { currentState: row.status, action: 'createProblem' });
  const today = todayInShanghai(ctx.clock);
  const now = ctx.clock.now();
  // The ledger is read by the county: what it stores is what the county may see; the audit event keeps what was typed.
  const identity = identityOfComplaint(row, ctx.personalData);
  const description = scrubComplainantIdentity(body.description, identity);
  const requirement = scrubComplainantIdentity(body.requirement, identity);
  const problemId = await ctx.db.transaction().execute(async (trx) => {
    // A complaint's problem belongs to the year it is notified in: that year's period applies.
    const { complaintRectificationMonths } = await parametersFor(trx, Number(today.slice(0, 4)));
    // Claim the complaint first: of two concurrent requests only one finds it without a problem.
    const claimed = await trx
      .updateTable('complaints')
      .set({ updated_at: now })
      .where('id', '=', id)
      .where('problem_id', 'is', null)
      .where('status', 'in', ['accepted', 'assigned', 'answered', 'reopened'])
      .returning('id')
      .executeTakeFirst();
    if (!claimed) {
      throw new AppError('INVALID_STATE', `该举报当前状态为「${complaintWorkflow.stateLabels[row.status]}」${row.problem_id ? '，且已转入问题台账' : ''}，不能转入问题台账`, {
        currentState: row.status,
        action: 'createProblem',
      });
    }
    const inserted = await trx
      .insertInto('problems')
      .values({
        source: 'complaint',
        source_id: id,
        inspection_id: null,
        category: body.category,
        responsible_unit_code: unitCode,
        description,
        requirement,
        notified_on: today,
        deadline: addCalendarMonths(today, complaintRectificationMonths),
        status: 'open',
        recorded_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('complaints').set({ problem_id: inserted.id }).where('id', '=', id).execute();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'problem.record',
      entityType: 'problem',
      entityId: inserted.id,
      after: {
        source: 'complaint',
        complaintId: id,
        category: body.category,
        responsibleUnitCode: unitCode,
        description: body.description,
        requirement: body.requirement,
        ...(description !== body.description || requirement !== body.requirement ? { maskedForCounty: true } : {}),
        status: 'open',
      },
    });
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'complaint.createProblem',
      entityType: 'complaint',
      entityId: id,
      after: { problemId: inserted.id },
    });
    return inserted.id;
  });
  return { complaint: await getComplaint(ctx, actor, id), problemId };
}

/**
 * For the office user typing text the county will read (a note, a reason, an answer, a ledger problem): what
 * of the complainant's identity it holds, and the text as the county will see it.
 */
export async function previewForCounty(ctx: AppContext, actor: Actor, id: number, text: string) {
  assertRole(actor, complaintOfficeRoles, '预览县（区）看到的举报文字');
  const row = await repo.findVisibleComplaint(ctx.db, actor, currentYear(ctx.clock), id);
  if (!row) throw notFoundComplaint(id);
  const identity = identityOfComplaint(row, ctx.personalData);
  return { found: identityPartsIn(text, identity), shown: scrubComplainantIdentity(text, identity) };
}

/**
 * Records that name an entity (audit events) as someone outside the office may read them: those behind a complaint
 * — the complaint, a problem made from or linked to it, its referral — have `fields` scrubbed of the complainant's
 * identity and are marked `isMasked`. The office reads the truth.
 */
export async function guardRecordsAgainstComplainantIdentity<T extends { entityType: string; entityId: string }>(
  ctx: AppContext,
  actor: Actor,
  records: T[],
  fields: readonly (keyof T)[],
): Promise<(T & { isMasked: boolean })[]> {
  if (isComplaintOffice(actor)) return records.map((record) => ({ ...record, isMasked: false }));
  const identities = await complainantIdentitiesOf(ctx.db, ctx.personalData, records);
  return records.map((record) => {
    const identity = identities.get(`${record.entityType}:${record.entityId}`);
    if (!identity) return { ...record, isMasked: false };
    const scrubbed: T = { ...record };
    for (const field of fields) scrubbed[field] = scrubComplainantIdentityDeep(record[field], identity);
    return { ...scrubbed, isMasked: true };
  });
}

/**
 * What the office writes onto a record that leaves it — a ledger problem's verification note or return reason, a
 * referral's summary — scrubbed of the identity of the complaint behind the record, if there is one (every string
 * inside `values`). Called by the writer before it stores, so that every later reader gets the scrubbed text.
 */
export async function scrubTextLeavingOffice<T>(
  ctx: AppContext,
  db: Kysely<DB> | Transaction<DB>,
  record: { entityType: 'problem' | 'transfer' | 'complaint'; entityId: number },
  values: T,
): Promise<T> {
  const identities = await complainantIdentitiesOf(db, ctx.personalData, [{ entityType: record.entityType, entityId: String(record.entityId) }]);
  const identity = identities.get(`${record.entityType}:${record.entityId}`);
  return identity ? scrubComplainantIdentityDeep(values, identity) : values;
}

/** Regions of Huizhou for the public form's picker. */
/**
 * The public place picker, level by level: under the city the 7 assessment units of 考2 (a complainant knows 大亚湾 and
 * 仲恺, not the counties they statutorily belong to), under a unit its towns, then villages. A unit stands for the
 * county it governs (`regionCode`); 大亚湾 and 仲恺 govern none, so a place there is a town or a village.
 */
export async function listPublicRegions(ctx: AppContext, parentCode: string) {
  const year = currentYear(ctx.clock);
  if (parentCode === '4413') {
    const units = await repo.listPublicAssessmentUnits(ctx.db, year);
    return { items: units.map((unit) => ({ code: unit.code, name: unit.name, level: 'assessment_unit' as const, hasChildren: true, regionCode: unit.region_code })) };
  }
  const rows = /^\d+$/u.test(parentCode) ? await repo.listHuizhouChildRegions(ctx.db, parentCode) : await repo.listPublicUnitTowns(ctx.db, parentCode, year);
  return { items: rows.map((row) => ({ code: row.code, name: row.name, level: row.level, hasChildren: row.has_children, regionCode: row.code })) };
}
