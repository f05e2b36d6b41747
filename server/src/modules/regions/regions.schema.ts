import { z } from 'zod';

export const regionLevels = ['province', 'city', 'county', 'town', 'village'] as const;

export const regionLevelLabels: Record<(typeof regionLevels)[number], string> = {
  province: '省',
  city: '市',
  county: '县（区）',
  town: '镇（街道）',
  village: '村（居）',
};

export const regionCodeParams = z.object({
  code: z.string().regex(/^\d{2,12}$/, '须为 2–12 位数字的行政区划代码'),
});

export const regionSearchQuery = z.object({
  q: z.string().trim().min(1, '搜索词不能为空').max(50, '搜索词不能超过 50 个字'),
  level: z.enum(regionLevels).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const assessmentUnitsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
