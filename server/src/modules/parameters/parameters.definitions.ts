import { z } from 'zod';
import type { Rank } from '../../db/schema.ts';
import { rankLabels } from '../people/people.schema.ts';

/*
 * The numbers of the measures (惠扶〔2017〕5号), each once, with the article it comes from and its Huizhou 2017
 * default. Everything that uses one of them reads it through `parametersFor(db, year)` for the year of the work in
 * question; nothing else in the code holds these numbers. The successors of the measures (national 2016 originals,
 * Guangdong copies, the post-2020 schemes) change them per year, which is what the 参数配置 page is for.
 */

export type ParameterGroup = 'rectification' | 'escalation' | 'teams' | 'checklists' | 'signals';

export const parameterGroupLabels: Record<ParameterGroup, string> = {
  rectification: '整改期限',
  escalation: '逾期督办',
  teams: '督查组与巡查组',
  checklists: '责任清单',
  signals: '数字脱贫信号阈值',
};

/** How the web edits a value: a whole number within bounds, one of a few choices, or a year with 自动 for none. */
export type ParameterInput =
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'choice'; options: { value: string; label: string }[] }
  | { kind: 'templateYear'; min: number; max: number; automaticLabel: string };

export type ParameterDefinition<Schema extends z.ZodType = z.ZodType> = {
  group: ParameterGroup;
  label: string;
  /** The article of the measures, as the codebase cites it: 督18, 考8(3). */
  article: string;
  /** The article's own words the number comes from (or, where it sets none, what it does say). */
  quote: string;
  /** Why the default is what it is, where the article alone does not say. */
  note: string;
  unit: string;
  input: ParameterInput;
  schema: Schema;
  defaultValue: z.infer<Schema>;
  /** The value as a person reads it: 「2 个月」「处级以上」「沿用最近一年的清单」. */
  format(value: z.infer<Schema>): string;
};

function define<Schema extends z.ZodType>(definition: ParameterDefinition<Schema>): ParameterDefinition<Schema> {
  return definition;
}

/** A whole number between min and max, refused in Chinese with the bounds and the unit. */
function wholeNumber(min: number, max: number, unit: string) {
  const message = `须为 ${min} 至 ${max} 之间的整数（${unit}）`;
  return {
    input: { kind: 'integer', min, max } as const,
    schema: z.number({ error: message }).int(message).min(min, message).max(max, message),
    format: (value: number) => `${value} ${unit}`,
  };
}

const YEAR_MIN = 2016;
const YEAR_MAX = 2100;
const AUTOMATIC_TEMPLATE = '本年度的清单（未制定则沿用此前最近一年的）';

/** A 责任清单 year, or null for the checklists module's own rule (the year's template, else the latest earlier one). */
function templateYear() {
  const message = `须为 ${YEAR_MIN} 至 ${YEAR_MAX} 之间的年份，或 null（${AUTOMATIC_TEMPLATE}）`;
  return {
    input: { kind: 'templateYear', min: YEAR_MIN, max: YEAR_MAX, automaticLabel: AUTOMATIC_TEMPLATE } as const,
    schema: z.number({ error: message }).int(message).min(YEAR_MIN, message).max(YEAR_MAX, message).nullable(),
    format: (value: number | null) => (value === null ? '自动' : `${value} 年的清单`),
  };
}

// Who may lead an inspection team: a rank, not 其他 (which is no rank at all).
const leaderRanks = ['bureau', 'division', 'section'] as const satisfies readonly Rank[];
const leaderRankMessage = `须为以下之一：${leaderRanks.map((rank) => `${rank}（${rankLabels[rank]}）`).join('、')}`;

export const parameterDefinitions = {
  inspectionRectificationMonths: define({
    group: 'rectification',
    label: '巡查整改期限',
    article: '督18',
    quote: '被巡查县（区）应当根据巡查反馈意见，认真进行整改，并于2个月内向市扶贫办反馈整改情况。',
    note: '自巡查反馈之日起按日历月计算；巡查提出时按其年度的设定确定。',
    unit: '个月',
    ...wholeNumber(1, 24, '个月'),
    defaultValue: 2,
  }),
  supervisionRectificationMonths: define({
    group: 'rectification',
    label: '督查整改默认期限',
    article: '督12',
    quote: '被督查县（区）和单位应当按照要求及时向市扶贫办反馈整改情况。',
    note: '第十二条未规定期限：市扶贫办通报督查结果时未另定期限的，自通报之日起按此计算。',
    unit: '个月',
    ...wholeNumber(1, 24, '个月'),
    defaultValue: 1,
  }),
  complaintRectificationMonths: define({
    group: 'rectification',
    label: '群众举报问题整改期限',
    article: '督4',
    quote: '脱贫攻坚督查巡查工作主要采取……受理群众举报……等形式。',
    note: '举报转入问题台账时，自转入之日起计算；默认与第十八条的巡查整改期限相同。',
    unit: '个月',
    ...wholeNumber(1, 24, '个月'),
    defaultValue: 2,
  }),
  overdueSupervisionDays: define({
    group: 'escalation',
    label: '逾期督办起始',
    article: '督18',
    quote: '市扶贫办应当及时汇总整改情况，向市委、市政府报告。',
    note: '第十八条未规定逾期后的处理：整改期限届满后第几天仍未报送整改情况的，升为「逾期督办」。默认为期限届满的次日。',
    unit: '天',
    ...wholeNumber(1, 90, '天'),
    defaultValue: 1,
  }),
  overdueCityReportMonths: define({
    group: 'escalation',
    label: '逾期报市委市政府',
    article: '督18',
    quote: '市扶贫办应当及时汇总整改情况，向市委、市政府报告。',
    note: '整改期限届满后满此月数仍未整改的，升为「已报市委市政府」。',
    unit: '个月',
    ...wholeNumber(1, 12, '个月'),
    defaultValue: 1,
  }),
  inspectionLeaderMinimumRank: define({
    group: 'teams',
    label: '巡查组组长最低职级',
    article: '督14',
    quote: '巡查组组长由处级领导干部担任。',
    note: '组建巡查组时，组长的职级须为此职级或更高。',
    unit: '',
    input: { kind: 'choice', options: leaderRanks.map((rank) => ({ value: rank, label: `${rankLabels[rank]}以上` })) },
    schema: z.enum(leaderRanks, { error: leaderRankMessage }),
    defaultValue: 'division',
    format: (value) => `${rankLabels[value]}以上`,
  }),
  comprehensiveSupervisionsPerYear: define({
    group: 'teams',
    label: '每年综合督查最少次数',
    article: '督8',
    quote: '对各县（区）和帮扶单位脱贫攻坚工作情况进行综合督查，每年至少开展1次。',
    note: '督查覆盖情况以此判断各县（区）和帮扶单位是否已督查到位。',
    unit: '次',
    ...wholeNumber(1, 12, '次'),
    defaultValue: 1,
  }),
  supervisionChecklistYear: define({
    group: 'checklists',
    label: '督查责任清单适用年度',
    article: '督10(一)',
    quote: '开展督查前，市扶贫办……制定督查工作方案……明确督查责任清单和任务要求。',
    note: '本年度的督查按哪一年的督查责任清单（第九条的8个方面）记录和归类问题。',
    unit: '',
    ...templateYear(),
    defaultValue: null,
  }),
  inspectionChecklistYear: define({
    group: 'checklists',
    label: '巡查责任清单适用年度',
    article: '督16(一)',
    quote: '开展巡查前，市扶贫办……制定巡查工作方案……明确巡查责任清单和任务要求。',
    note: '本年度的巡查按哪一年的巡查责任清单（第十五条的4类问题）记录和归类问题。',
    unit: '',
    ...templateYear(),
    defaultValue: null,
  }),
  signalLateWindowDays: define({
    group: 'signals',
    label: '年底突击脱贫：截止日前天数',
    article: '考8(3)',
    quote: '违反贫困退出规定、弄虚作假、搞“数字脱贫”的。',
    note: '在 12 月 31 日前这么多天内脱贫的，算作年底脱贫。',
    unit: '天',
    ...wholeNumber(1, 120, '天'),
    defaultValue: 14,
  }),
  signalLateSharePercent: define({
    group: 'signals',
    label: '年底突击脱贫：村内占比',
    article: '考8(3)',
    quote: '违反贫困退出规定、弄虚作假、搞“数字脱贫”的。',
    note: '一个村当年的脱贫户中，年底脱贫的至少占此比例，才提示该村的年底脱贫户。',
    unit: '%',
    ...wholeNumber(1, 100, '%'),
    defaultValue: 50,
  }),
  signalLateMinimum: define({
    group: 'signals',
    label: '年底突击脱贫：村内最少户数',
    article: '考8(3)',
    quote: '违反贫困退出规定、弄虚作假、搞“数字脱贫”的。',
    note: '且年底脱贫的至少有这么多户。',
    unit: '户',
    ...wholeNumber(1, 1000, '户'),
    defaultValue: 3,
  }),
  signalIncomeMarginPercent: define({
    group: 'signals',
    label: '收入刚过脱贫线：幅度',
    article: '督15(3)',
    quote: '……以及脱贫质量不高、脱贫稳定性低等问题。',
    note: '人均可支配收入不低于脱贫线、但高出不到此比例的脱贫户。',
    unit: '%',
    ...wholeNumber(1, 50, '%'),
    defaultValue: 3,
  }),
  signalGraceDays: define({
    group: 'signals',
    label: '截止日后补录：宽限天数',
    article: '考7',
    quote: '以当年度12月31日为考核指标数据统计截止日期。',
    note: '当年的状态变更在截止日后超过这么多天才录入的，提示为截止日后补录。',
    unit: '天',
    ...wholeNumber(0, 365, '天'),
    defaultValue: 15,
  }),
  signalQuickReturnDays: define({
    group: 'signals',
    label: '脱贫后短期内返贫：天数',
    article: '督15(3)',
    quote: '……以及脱贫质量不高、脱贫稳定性低等问题。',
    note: '脱贫后这么多天内返贫的。',
    unit: '天',
    ...wholeNumber(1, 3650, '天'),
    defaultValue: 365,
  }),
  signalOperatorDailyMinimum: define({
    group: 'signals',
    label: '单人单日录入量：下限',
    article: '考10',
    quote: '对不负责、造成考核结果失真失实的，严肃追究责任。',
    note: '一名操作人一天的状态变更超过此数，且超过下一项的倍数时，提示为录入量异常（批量导入不计）。',
    unit: '条',
    ...wholeNumber(1, 100000, '条'),
    defaultValue: 20,
  }),
  signalOperatorMedianMultiple: define({
    group: 'signals',
    label: '单人单日录入量：中位数倍数',
    article: '考10',
    quote: '对不负责、造成考核结果失真失实的，严肃追究责任。',
    note: '超过当年所有操作人单日录入量中位数的这么多倍。',
    unit: '倍',
    ...wholeNumber(1, 1000, '倍'),
    defaultValue: 10,
  }),
};

export type ParameterKey = keyof typeof parameterDefinitions;

/** The parameters of one year, typed: what `parametersFor` gives every use. */
export type MeasureParameters = { [Key in ParameterKey]: z.infer<(typeof parameterDefinitions)[Key]['schema']> };

export const parameterKeys = Object.keys(parameterDefinitions) as ParameterKey[];

export function isParameterKey(key: string): key is ParameterKey {
  return Object.hasOwn(parameterDefinitions, key);
}

/** The Huizhou 2017 defaults of every parameter. */
export const parameterDefaults = Object.fromEntries(parameterKeys.map((key) => [key, parameterDefinitions[key].defaultValue])) as MeasureParameters;

/** The year whose parameters the reference seed writes (the measures' own year, and the demo's). */
export const PARAMETER_SEED_YEAR = 2017;
