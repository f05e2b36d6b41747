import { z } from 'zod';

export const commendationKinds = ['commendation', 'model_case'] as const;
export const commendationStatuses = ['proposed', 'approved', 'rejected'] as const;
export const summaryStatuses = ['draft', 'submitted'] as const;

/** The two things 督11 asks of the office besides its report: 通报表扬 and 先进典型. */
export const commendationKindLabels: Record<(typeof commendationKinds)[number], string> = {
  commendation: '通报表扬',
  model_case: '先进典型',
};

const id = z.number().int('须为整数').positive('须为正整数').max(2147483647, '超出范围');
const year = z.number().int('须为整数').min(2000, '年度不能早于 2000 年').max(2100, '年度不能晚于 2100 年');
const queryYear = z.coerce.number().int('须为整数').min(2000, '年度不能早于 2000 年').max(2100, '年度不能晚于 2100 年');
const text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);

export const idParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });

export const commendationListQuery = z.object({
  year: queryYear.optional(),
  kind: z.enum(commendationKinds).optional(),
  status: z.enum(commendationStatuses).optional(),
});

export const proposeCommendationBody = z
  .object({
    year,
    kind: z.enum(commendationKinds),
    assessmentUnitCode: z.string().trim().min(1, '请选择县（区）').max(20).optional(),
    unitId: id.optional(),
    supervisionId: id.optional(),
    title: text('标题', 200),
    description: text('事迹或做法', 5000),
  })
  .strict()
  .refine((body) => (body.assessmentUnitCode === undefined) !== (body.unitId === undefined), {
    message: '须且只能选择一个对象：县（区）或帮扶单位',
    path: ['assessmentUnitCode'],
  });

export const approveBody = z.object({ note: z.string().trim().max(500, '审定意见不能超过 500 字').optional() }).strict().optional();
export const rejectBody = z.object({ note: text('不予采纳的理由', 500) }).strict();

export const draftQuery = z.object({ year: queryYear });

export const summaryListQuery = z.object({ year: queryYear.optional(), status: z.enum(summaryStatuses).optional() });

export const createSummaryBody = z.object({ year, title: text('标题', 200), body: text('正文', 50000) }).strict();

export const updateSummaryBody = z
  .object({ title: text('标题', 200).optional(), body: text('正文', 50000).optional() })
  .strict()
  .refine((body) => body.title !== undefined || body.body !== undefined, { message: '请至少修改标题或正文之一', path: ['body'] });

