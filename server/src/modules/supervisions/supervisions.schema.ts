import { z } from 'zod';
import { isIsoDate } from '../../kernel/time.ts';
import { addRecordBody, recordMethods } from '../findings/findings.schema.ts';

// Field records and findings have the same shape as an inspection's (督4).
export { addRecordBody, recordFindingBody } from '../findings/findings.schema.ts';

export const supervisionTypes = ['comprehensive', 'special'] as const;
export const supervisionStatuses = ['proposed', 'approved', 'team_formed', 'in_field', 'report_submitted', 'result_notified', 'closed'] as const;

/** The two kinds of supervision of 督8. */
export const supervisionTypeLabels: Record<(typeof supervisionTypes)[number], string> = {
  comprehensive: '综合督查',
  special: '专项督查',
};

const id = z.number().int('须为整数').positive('须为正整数').max(2147483647, '超出范围');
const isoDate = z.string().refine(isIsoDate, '须为有效日期（格式 YYYY-MM-DD）');
const year = z.number().int('须为整数').min(2016, '年度不能早于 2016 年').max(2100, '年度超出范围');
const text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);

export const idParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });
export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const coverageQuery = z.object({ year: z.coerce.number().int().min(2000, '年度超出范围').max(2100, '年度超出范围') });
export const checklistQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).default(2017) });

export const supervisionListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(supervisionStatuses).optional(),
  type: z.enum(supervisionTypes).optional(),
});

export const createPlanBody = z.object({ year, title: text('计划名称', 200) }).strict();

export const proposeSupervisionBody = z
  .object({
    planId: id,
    type: z.enum(supervisionTypes),
    targetAssessmentUnitCode: z.string().trim().min(1, '请选择被督查的县（区）').max(20).optional(),
    targetUnitId: id.optional(),
    topic: text('督查事项', 500),
    plannedStart: isoDate.optional(),
    plannedEnd: isoDate.optional(),
  })
  .strict()
  .refine((body) => (body.targetAssessmentUnitCode === undefined) !== (body.targetUnitId === undefined), {
    message: '须且只能选择一个督查对象：县（区）或帮扶单位',
    path: ['targetAssessmentUnitCode'],
  })
  .refine((body) => !body.plannedStart || !body.plannedEnd || body.plannedEnd >= body.plannedStart, {
    message: '计划结束日期不能早于开始日期',
    path: ['plannedEnd'],
  });

export const formTeamBody = z
  .object({
    leaderId: id,
    memberIds: z.array(id).max(30, '督查组成员不能超过 30 人').default([]),
  })
  .strict()
  .refine((body) => new Set(body.memberIds).size === body.memberIds.length, { message: '成员不能重复', path: ['memberIds'] })
  .refine((body) => !body.memberIds.includes(body.leaderId), { message: '组长不能同时列为成员（组长负责制，第七条）', path: ['memberIds'] });

export const submitReportBody = z.object({ report: text('督查报告', 50000) }).strict();

export const visitParams = z.object({
  id: z.coerce.number().int().positive('须为正整数').max(2147483647),
  visitId: z.coerce.number().int().positive('须为正整数').max(2147483647),
});

/** A planned visit of the team's schedule; an unannounced one (随机访/暗访) is sealed from the supervised unit until recorded. */
export const planVisitBody = z
  .object({
    method: z.enum(recordMethods),
    plannedOn: isoDate,
    targetRegionCode: z.string().trim().regex(/^\d{6,12}$/, '须为镇（街道）或村（社区）的区划代码').optional(),
    targetDescription: text('走访对象', 500),
  })
  .strict();

/** Recording a planned visit: the body of a field record, the method defaulting to the visit's. */
export const recordVisitBody = addRecordBody.partial({ method: true });

/** 督12: the result notified to the supervised unit; the rectification deadline as a date or a number of calendar months. */
export const notifyResultBody = z
  .object({
    notifiedOn: isoDate,
    resultText: text('督查结果及整改要求', 20000),
    deadline: isoDate.optional(),
    rectificationMonths: z.number().int('须为整数').min(1, '整改期限至少 1 个月').max(24, '整改期限不能超过 24 个月').optional(),
  })
  .strict()
  .refine((body) => body.deadline === undefined || body.rectificationMonths === undefined, {
    message: '整改期限（deadline）和整改月数（rectificationMonths）只能填写一项',
    path: ['deadline'],
  })
  .refine((body) => body.deadline === undefined || body.deadline >= body.notifiedOn, {
    message: '整改期限不能早于通报日期',
    path: ['deadline'],
  });

