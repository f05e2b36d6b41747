import { z } from 'zod';
import { parameterKeys } from './parameters.definitions.ts';

const year = z.coerce.number({ error: '须为年份' }).int('须为整数').min(2016, '年度不能早于 2016 年').max(2100, '年度超出范围');

export const parameterListQuery = z.object({ year });

export const parameterParams = z.object({
  year,
  key: z.enum(parameterKeys as [string, ...string[]], { error: `不是已定义的参数，须为以下之一：${parameterKeys.join('、')}` }),
});

/** The value's own rule depends on the parameter (parameters.definitions); the service checks it and names the parameter. */
export const updateParameterBody = z.object({ value: z.unknown() }).strict().refine((body) => body.value !== undefined, { message: '为必填项，不能缺少', path: ['value'] });

const parameterInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('integer'), min: z.number(), max: z.number() }),
  z.object({ kind: z.literal('choice'), options: z.array(z.object({ value: z.string(), label: z.string() })) }),
  z.object({ kind: z.literal('templateYear'), min: z.number(), max: z.number(), automaticLabel: z.string() }),
]);

/** One parameter of a year as the 参数配置 page shows it. */
export const parameterView = z.object({
  key: z.enum(parameterKeys as [string, ...string[]]),
  group: z.enum(['rectification', 'escalation', 'teams', 'checklists', 'signals']),
  groupLabel: z.string(),
  label: z.string(),
  article: z.string(),
  quote: z.string(),
  note: z.string(),
  unit: z.string(),
  input: parameterInput,
  defaultValue: z.unknown(),
  defaultText: z.string(),
  value: z.unknown(),
  valueText: z.string(),
  isDefault: z.boolean(),
  /** `year`: set for this year; `inherited`: the latest earlier year's; `default`: the Huizhou 2017 default. */
  source: z.enum(['year', 'inherited', 'default']),
  sourceYear: z.number().nullable(),
  sourceText: z.string(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Why this value may no longer change (the year's work, or a later year's that reads it, has started). */
  lockReason: z.string().nullable(),
  actions: z.array(z.enum(['edit'])),
});

export const parameterListReply = z.object({
  year: z.number(),
  isStarted: z.boolean(),
  startedBy: z.string().nullable(),
  lockReason: z.string().nullable(),
  items: z.array(parameterView),
});

export const parameterReply = z.object({ parameter: parameterView });
