import { z } from 'zod';

export const unitIdParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });

export const unitListQuery = z.object({
  q: z.string().trim().max(50, '搜索词不能超过 50 个字').optional(),
  kind: z.enum(['member', 'assistance']).optional(),
});
