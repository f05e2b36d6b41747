import { z } from 'zod';
import { isIsoDate } from '../../kernel/time.ts';

/** The working methods of 督4, shared by inspection and supervision field records. */
export const recordMethods = [
  'symposium',
  'document_review',
  'field_survey',
  'questionnaire',
  'interview',
  'briefing',
  'public_report',
  'unannounced_visit',
  'third_party_results',
] as const;

export const recordMethodLabels: Record<(typeof recordMethods)[number], string> = {
  symposium: '召开座谈会',
  document_review: '查阅资料',
  field_survey: '实地调查',
  questionnaire: '问卷调查',
  interview: '个别访谈',
  briefing: '听取汇报',
  public_report: '受理群众举报',
  unannounced_visit: '随机访或暗访',
  third_party_results: '运用第三方评估成果',
};

export const findingSeverities = ['general', 'serious'] as const;

const id = z.number().int('须为整数').positive('须为正整数').max(2147483647, '超出范围');
export const isoDate = z.string().refine(isIsoDate, '须为有效日期（格式 YYYY-MM-DD）');
const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);

/** A field-work record (督4): method, date, place, people, notes and optionally the checklist item it covers. */
export const addRecordBody = z
  .object({
    method: z.enum(recordMethods),
    recordDate: isoDate,
    place: text('地点', 200),
    participants: z.string().trim().max(1000, '参加人员不能超过 1000 字').optional(),
    notes: text('记录内容', 10000),
    checklistItemId: id.optional(),
  })
  .strict();

/** A problem found in field work, against a sub-item of the year's checklist. */
export const recordFindingBody = z
  .object({
    checklistItemId: id,
    description: text('问题描述', 5000),
    evidence: z.string().trim().max(5000, '证据不能超过 5000 字').optional(),
    severity: z.enum(findingSeverities).default('general'),
    requirement: z.string().trim().max(2000, '整改要求不能超过 2000 字').optional(),
  })
  .strict();
