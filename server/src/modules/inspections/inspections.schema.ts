import { z } from 'zod';
import { isoDate } from '../findings/findings.schema.ts';

// The methods of 督4 and the record and finding bodies are shared with supervisions.
export { addRecordBody, recordFindingBody, recordMethodLabels, recordMethods } from '../findings/findings.schema.ts';

export const inspectionStatuses = ['proposed', 'approved', 'rejected', 'team_formed', 'in_field', 'report_submitted', 'feedback_issued', 'closed'] as const;

const id = z.number().int('须为整数').positive('须为正整数').max(2147483647, '超出范围');
const text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);

export const inspectionIdParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });

export const inspectionListQuery = z.object({
  status: z.enum(inspectionStatuses).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const proposeInspectionBody = z
  .object({
    year: z.number().int('须为整数').min(2016, '年度不能早于 2016 年').max(2100, '年度超出范围'),
    title: text('巡查名称', 200),
    assessmentUnitCode: z.string().trim().min(1, '请选择被巡查的县（区）').max(20),
    reason: text('巡查事由', 2000),
    plan: z.string().trim().max(5000, '巡查工作方案不能超过 5000 字').optional(),
    plannedStart: isoDate.optional(),
    plannedEnd: isoDate.optional(),
  })
  .strict()
  .refine((body) => !body.plannedStart || !body.plannedEnd || body.plannedEnd >= body.plannedStart, {
    message: '计划结束日期不能早于开始日期',
    path: ['plannedEnd'],
  });

export const approveBody = z.object({ note: z.string().trim().max(500, '审批意见不能超过 500 字').optional() }).strict();
export const rejectBody = z.object({ note: text('不予批准的理由', 500) }).strict();

export const formTeamBody = z
  .object({
    name: z.string().trim().min(1, '请填写巡查组名称').max(100, '巡查组名称不能超过 100 字').optional(),
    leaderId: id,
    memberIds: z.array(id).min(1, '巡查组至少须有 1 名成员').max(30, '巡查组成员不能超过 30 人'),
  })
  .strict()
  .refine((body) => new Set(body.memberIds).size === body.memberIds.length, { message: '成员不能重复', path: ['memberIds'] })
  .refine((body) => !body.memberIds.includes(body.leaderId), { message: '组长不能同时列为成员', path: ['memberIds'] });

export const addRecommendationBody = z
  .object({
    problem: text('问题', 2000),
    recommendation: text('处理建议', 2000),
  })
  .strict();

export const submitReportBody = z.object({ report: text('巡查报告', 50000) }).strict();

export const issueFeedbackBody = z
  .object({
    feedbackDate: isoDate,
    feedbackText: text('反馈意见', 20000),
  })
  .strict();

export const checklistQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).default(2017) });
