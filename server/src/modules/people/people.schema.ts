import { z } from 'zod';

export const ranks = ['bureau', 'division', 'section', 'other'] as const;

export const rankLabels: Record<(typeof ranks)[number], string> = {
  bureau: '厅级',
  division: '处级',
  section: '科级',
  other: '其他',
};

export const personIdParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });

export const peopleListQuery = z.object({
  q: z.string().trim().max(50, '搜索词不能超过 50 个字').optional(),
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  rank: z.enum(ranks).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const changeRequestBody = z
  .object({
    rank: z.enum(ranks).optional(),
    unitId: z.number().int().positive().max(2147483647).optional(),
    reason: z.string().trim().min(1, '请填写变更理由').max(500, '理由不能超过 500 字'),
  })
  .strict()
  .refine((body) => body.rank !== undefined || body.unitId !== undefined, { message: '至少填写新职级（rank）或新单位（unitId）之一', path: ['rank'] });

export const changeRequestIdParams = personIdParams;

export const changeRequestListQuery = z.object({
  status: z.enum(['submitted', 'approved', 'rejected', 'withdrawn']).optional(),
});

export const decisionBody = z.object({ note: z.string().trim().max(500, '意见不能超过 500 字').optional() }).strict();

export const rejectionBody = z.object({ note: z.string().trim().min(1, '驳回须填写意见').max(500, '意见不能超过 500 字') }).strict();

