import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { assertRole, officeRoles, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { parametersFor, type MeasureParameters } from '../parameters/parameters.service.ts';
import * as repo from './checklists.repo.ts';
import type { ChecklistKind } from './checklists.schema.ts';

/** The four categories of problems of 督15, the groups of the inspection checklist. */
export const inspectionCategoryLabels: Record<(typeof repo.inspectionCategoryOrder)[number], string> = {
  work_style: '干部工作作风问题',
  project_funds: '扶贫项目资金管理使用问题',
  identification_exit: '贫困村和贫困人口识别、退出问题',
  discipline_complaints: '纪检、监察、审计和社会监督发现的违纪违规问题及群众反映强烈的突出问题',
};

const kindLabels: Record<ChecklistKind, string> = { supervision: '督查责任清单（第九条）', inspection: '巡查责任清单（第十五条）' };

const parameterOf = { supervision: 'supervisionChecklistYear', inspection: 'inspectionChecklistYear' } as const satisfies Record<ChecklistKind, keyof MeasureParameters>;

/**
 * The year of the 责任清单 that applies to work of `year` — the year the year's parameters name, else the year's own
 * template, else the latest earlier one (else the earliest); null when there is none. Every reader of checklist
 * items goes through this.
 */
export async function checklistTemplateYear(db: Kysely<DB> | Transaction<DB>, kind: ChecklistKind, year: number): Promise<number | null> {
  const fixed = (await parametersFor(db, year))[parameterOf[kind]];
  return fixed ?? repo.templateYearFor(db, kind, year);
}

type ChecklistAction = 'copyTemplate' | 'addItem' | 'editItem' | 'deleteItem';

/**
 * A year's 责任清单 (R-S5, R-I3) as groups with their sub-items, and whether the year has a
 * template of its own or works from an earlier year's. The office edits only a year's own
 * template, and only items no record or problem cites yet.
 */
export async function getChecklist(ctx: AppContext, actor: Actor, kind: ChecklistKind, year: number) {
  const fixedYear = (await parametersFor(ctx.db, year))[parameterOf[kind]];
  const templateYear = fixedYear ?? (await repo.templateYearFor(ctx.db, kind, year));
  const rows = templateYear === null ? [] : await repo.listTemplate(ctx.db, kind, templateYear);
  const isOwnTemplate = templateYear === year;
  const mayEdit = officeRoles.includes(actor.role);
  const groupCount = kind === 'supervision' ? 8 : repo.inspectionCategoryOrder.length;
  const groups = Array.from({ length: groupCount }, (_, index) => {
    const group = index + 1;
    const heading = rows.find((row) => row.group === group && row.is_group_row);
    const category = repo.inspectionCategoryOrder[index]!;
    return {
      group,
      code: kind === 'supervision' ? `9.${group}` : `15.${group}`,
      title: heading?.title ?? (kind === 'inspection' ? inspectionCategoryLabels[category] : ''),
      items: rows
        .filter((row) => row.group === group && !row.is_group_row)
        .map((row) => ({ id: row.id, code: row.code, title: row.title, usageCount: row.usage_count, isEditable: mayEdit && isOwnTemplate && row.usage_count === 0 })),
    };
  });
  // A year whose parameters name another year's checklist works from that one: a template of its own would not apply.
  const actions: ChecklistAction[] = !mayEdit ? [] : isOwnTemplate ? ['addItem', 'editItem', 'deleteItem'] : fixedYear === null ? ['copyTemplate'] : [];
  return { kind, kindLabel: kindLabels[kind], year, templateYear, isOwnTemplate, isFixedByParameter: fixedYear !== null, groups, actions };
}

function assertOffice(actor: Actor, what: string) {
  assertRole(actor, officeRoles, `${what}（责任清单由市扶贫办制定）`);
}

/** Starts a year's own template from the one that applied to it until now. */
export async function copyTemplate(ctx: AppContext, actor: Actor, body: { kind: ChecklistKind; year: number }) {
  assertOffice(actor, '制定年度责任清单');
  await ctx.db.transaction().execute(async (trx) => {
    const fromYear = await repo.templateYearFor(trx, body.kind, body.year);
    if (fromYear === body.year) {
      throw new AppError('CONFLICT', `${body.year} 年度的${kindLabels[body.kind]}已经存在，可直接修改`, { year: body.year });
    }
    if (fromYear === null) throw new AppError('CONFLICT', `尚无可供沿用的${kindLabels[body.kind]}`);
    const copied = await repo.copyTemplate(trx, body.kind, fromYear, body.year);
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'checklist.copy',
      entityType: `${body.kind}_checklist`,
      entityId: body.year,
      after: { kind: body.kind, year: body.year, fromYear, items: copied },
    });
  });
  return getChecklist(ctx, actor, body.kind, body.year);
}

function assertOwnTemplate(kind: ChecklistKind, year: number, templateYear: number | null) {
  if (templateYear !== year) {
    throw new AppError('INVALID_STATE', `${year} 年度尚未制定自己的${kindLabels[kind]}（现沿用 ${templateYear ?? '—'} 年度清单），请先沿用上一年度清单创建本年度清单再修改`, {
      year,
      templateYear,
    });
  }
}

/** Adds a sub-item to a group of a year's own template; the code is the next free one under the group. */
export async function addItem(ctx: AppContext, actor: Actor, body: { kind: ChecklistKind; year: number; group: number; title: string }) {
  assertOffice(actor, '增加责任清单事项');
  const groupCount = body.kind === 'supervision' ? 8 : repo.inspectionCategoryOrder.length;
  if (body.group > groupCount) {
    throw new AppError('VALIDATION_FAILED', `字段「group」无效：${kindLabels[body.kind]}只有 ${groupCount} 个方面`, {
      fields: [{ field: 'group', message: `须在 1 至 ${groupCount} 之间` }],
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    assertOwnTemplate(body.kind, body.year, await repo.templateYearFor(trx, body.kind, body.year));
    const inserted = await repo.insertItem(trx, body.kind, body.year, body.group, body.title);
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'checklist_item.add',
      entityType: `${body.kind}_checklist_item`,
      entityId: inserted.id,
      after: { year: body.year, code: inserted.code, title: body.title },
    });
  });
  return getChecklist(ctx, actor, body.kind, body.year);
}

/** Loads an item for a change under a row lock: it must be a sub-item of its year's own template that nothing cites yet. */
async function requireEditableItem(trx: Parameters<typeof repo.findItem>[0], kind: ChecklistKind, id: number, what: string) {
  const item = await repo.findItem(trx, kind, id);
  if (!item) throw notFound(`编号为 ${id} 的清单事项`);
  if (item.is_group_row) {
    throw new AppError('RULE_VIOLATION', `「${item.code} ${item.title}」是《督查巡查办法》第九条规定的重点内容，不能${what}，只能调整其下的子项`, { rule: '督9' });
  }
  if (item.usage_count > 0) {
    throw new AppError('CONFLICT', `清单事项「${item.code} ${item.title}」已被 ${item.usage_count} 条工作记录或问题引用，不能${what}；如需调整，请增加新的子项`, {
      usageCount: item.usage_count,
    });
  }
  return item;
}

/** Rewords a sub-item no record or problem cites yet. */
export async function editItem(ctx: AppContext, actor: Actor, id: number, body: { kind: ChecklistKind; title: string }) {
  assertOffice(actor, '修改责任清单事项');
  const year = await ctx.db.transaction().execute(async (trx) => {
    const item = await requireEditableItem(trx, body.kind, id, '修改');
    await repo.updateItemTitle(trx, body.kind, id, body.title);
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'checklist_item.edit',
      entityType: `${body.kind}_checklist_item`,
      entityId: id,
      before: { title: item.title },
      after: { title: body.title },
    });
    return item.year;
  });
  return getChecklist(ctx, actor, body.kind, year);
}

/** Removes a sub-item no record or problem cites yet. */
export async function deleteItem(ctx: AppContext, actor: Actor, id: number, kind: ChecklistKind) {
  assertOffice(actor, '删除责任清单事项');
  const year = await ctx.db.transaction().execute(async (trx) => {
    const item = await requireEditableItem(trx, kind, id, '删除');
    await repo.deleteItem(trx, kind, id);
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'checklist_item.delete',
      entityType: `${kind}_checklist_item`,
      entityId: id,
      before: { year: item.year, code: item.code, title: item.title },
    });
    return item.year;
  });
  return getChecklist(ctx, actor, kind, year);
}
