import { z } from 'zod';
import { isIsoDate } from '../../kernel/time.ts';

export const problemStatuses = ['open', 'in_progress', 'reported', 'verified', 'returned', 'extension_requested', 'extension_granted', 'transferred'] as const;
export const problemSources = ['inspection', 'supervision', 'complaint', 'assessment'] as const;

export const problemSourceLabels: Record<(typeof problemSources)[number], string> = {
  inspection: '巡查',
  supervision: '督查',
  complaint: '群众举报',
  assessment: '考核',
};

const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);

export const problemIdParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });

export const rectificationListQuery = z.object({
  unitCode: z.string().trim().max(20).optional(),
  unitId: z.coerce.number().int('须为整数').positive('须为正整数').max(2147483647).optional(),
  status: z.enum(problemStatuses).optional(),
  source: z.enum(problemSources).optional(),
  overdue: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  inspectionId: z.coerce.number().int().positive().max(2147483647).optional(),
  escalated: z
    .enum(['1', '2'], '须为 1（逾期督办）或 2（已报市委市政府）')
    .transform((value) => (value === '1' ? 1 : 2) as 1 | 2)
    .optional(),
});

export const submitRectificationBody = z.object({ measures: text('整改措施', 5000), evidence: text('整改佐证材料说明', 5000) }).strict();
export const verifyBody = z.object({ note: z.string().trim().max(1000, '核验意见不能超过 1000 字').optional() }).strict();
export const returnBody = z.object({ reason: text('退回理由', 1000) }).strict();
export const requestExtensionBody = z
  .object({
    reason: text('延期理由', 1000),
    requestedDeadline: z.string().refine(isIsoDate, '须为有效日期（格式 YYYY-MM-DD）'),
  })
  .strict();
export const refuseExtensionBody = returnBody;
