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

const nameField = z.string().trim().min(2, '姓名至少 2 个字').max(20, '姓名不能超过 20 个字');

/** A person added to the roster (R-O4): team leaders and members are picked from it. */
export const personBody = z
  .object({
    name: nameField,
    gender: z.enum(['male', 'female'], '性别须为 male（男）或 female（女）'),
    unitId: z.number().int().positive().max(2147483647),
    post: z.string().trim().min(1, '请填写职务').max(40, '职务不能超过 40 个字'),
    rank: z.enum(ranks, '职级须为 bureau（厅级）、division（处级）、section（科级）或 other（其他）'),
    homeRegionCode: z.string().trim().regex(/^\d{6}(\d{3})?$/u, '籍贯地须为 6 位县（区）或 9 位镇（街道）代码').nullish(),
  })
  .strict();

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

