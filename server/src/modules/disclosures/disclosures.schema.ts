import { z } from 'zod';

export const disclosureDecisions = ['disclose', 'withhold'] as const;
export const disclosureDecisionLabels: Record<(typeof disclosureDecisions)[number], string> = { disclose: '公开', withhold: '不公开' };

export const problemIdParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });

export const decideDisclosureBody = z
  .object({
    decision: z.enum(disclosureDecisions, { error: '须为 disclose（公开）或 withhold（不公开）' }),
    reason: z.string().trim().min(1, '请填写公开或不公开的理由').max(1000, '理由不能超过 1000 字'),
    // Names the office knows appear in the text and that no list holds (a village cadre, a witness).
    extraNames: z.array(z.string().trim().min(2, '每个姓名至少 2 个字').max(20, '姓名不能超过 20 字')).max(50, '最多 50 个姓名').optional(),
  })
  .strict();

export const publicRectificationsQuery = z.object({
  unitCode: z.string().trim().regex(/^[A-Z]{1,10}$/, '须为考核单位代码（如 LM）').optional(),
});
