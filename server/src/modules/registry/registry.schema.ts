import { z } from 'zod';
import { anomalyKinds, type AnomalyKind } from './registry.generate.ts';

const year = z.coerce.number().int().min(2000, '年度不能早于 2000').max(2100, '年度不能晚于 2100');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为 YYYY-MM-DD 格式的日期');

export const householdListQuery = z.object({
  q: z.string().trim().max(40, '搜索词不能超过 40 个字').optional(),
  countyCode: z.string().regex(/^\d{6}$/, '须为 6 位县级区划代码').optional(),
  unitCode: z.string().regex(/^[A-Z]{2,8}$/u, '须为考核单位代码（如 HD）').optional(),
  townCode: z.string().regex(/^\d{9}$/, '须为 9 位镇级区划代码').optional(),
  villageCode: z.string().regex(/^\d{12}$/, '须为 12 位村级区划代码').optional(),
  status: z.enum(['not_exited', 'exited', 'returned', 'removed']).optional(),
  cause: z.enum(['illness', 'disability', 'lack_of_labour', 'lack_of_skills', 'lack_of_funds', 'education', 'disaster', 'other']).optional(),
  exitYear: year.optional(),
  flag: z.enum(anomalyKinds as [string, ...string[]]).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const householdSearchQuery = z.object({
  q: z.string().trim().min(1, '请输入户编号、姓名或身份证号').max(40, '搜索词不能超过 40 个字'),
});

export const householdIdParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(Number.MAX_SAFE_INTEGER) });

export const summaryQuery = z.object({
  year: year.optional(),
  basis: z.enum(['auto', 'live'], '须为 auto（有截止日快照时按快照）或 live（按当前登记数据推算）').default('auto'),
});

const signalKind = z.enum(anomalyKinds as [AnomalyKind, ...AnomalyKind[]], `须为以下信号之一：${anomalyKinds.join('、')}`);
const countyCode = z.string().regex(/^\d{6}$/, '须为 6 位县级区划代码');

export const signalsQuery = z.object({
  year: year.optional(),
  kind: signalKind.optional(),
  countyCode: countyCode.optional(),
  offset: z.coerce.number().int('须为整数').min(0, '不能小于 0').max(10_000_000, '不能大于 10000000').default(0),
  limit: z.coerce.number().int('须为整数').min(0, '不能小于 0').max(500, '每页最多 500 户').default(50),
});

export const signalsExportQuery = z.object({
  year: year.optional(),
  kind: signalKind,
  countyCode: countyCode.optional(),
});

export const snapshotBody = z.object({ asOf: isoDate }).strict();

export const snapshotDiffQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });

export const evidenceKinds = ['democratic_review', 'public_notice', 'signed_acknowledgement'] as const;
export const evidenceLabels: Record<(typeof evidenceKinds)[number], string> = {
  democratic_review: '民主评议',
  public_notice: '公示',
  signed_acknowledgement: '签字认可',
};

export const statusChangeBody = z
  .object({
    effectiveOn: isoDate,
    evidence: z
      .array(z.object({ kind: z.enum(evidenceKinds), reference: z.string().trim().min(1, '请填写证明材料的文号或说明').max(200) }).strict())
      .max(10),
    note: z.string().trim().max(500).default(''),
  })
  .strict();

export const importQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  encoding: z.enum(['auto', 'utf8', 'gb18030']).default('auto'),
  partial: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  fileName: z.string().max(200).optional(),
});

export const importJobParams = z.object({ id: z.string().regex(/^[a-z0-9]{8,32}$/, '任务编号无效') });
