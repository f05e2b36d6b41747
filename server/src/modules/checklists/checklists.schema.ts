import { z } from 'zod';

/** The two 责任清单: supervision by the 8 key areas of 督9, inspection by the 4 problem categories of 督15. */
export const checklistKinds = ['supervision', 'inspection'] as const;
export type ChecklistKind = (typeof checklistKinds)[number];

const kind = z.enum(checklistKinds, '须为 supervision（督查清单）或 inspection（巡查清单）');
const year = z.coerce.number().int('须为整数').min(2016, '年度不能早于 2016 年').max(2100, '年度超出范围');
const title = z.string().trim().min(1, '请填写清单事项').max(300, '清单事项不能超过 300 字');

export const checklistQuery = z.object({ kind, year });
export const copyTemplateBody = z.object({ kind, year: z.number().int('须为整数').min(2016, '年度不能早于 2016 年').max(2100, '年度超出范围') }).strict();
export const addItemBody = z
  .object({
    kind,
    year: z.number().int('须为整数').min(2016, '年度不能早于 2016 年').max(2100, '年度超出范围'),
    group: z.number().int('须为整数').min(1, '须为 1 以上').max(8, '超出范围'),
    title,
  })
  .strict();
export const itemParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });
export const itemKindQuery = z.object({ kind });
export const editItemBody = z.object({ kind, title }).strict();
