import { z } from 'zod';

export const complaintStatuses = ['submitted', 'accepted', 'not_accepted', 'assigned', 'answered', 'confirmed', 'reopened'] as const;
export const complaintChannels = ['web', 'hotline', 'letter'] as const;
export const staffChannels = ['hotline', 'letter'] as const;
export const problemCategories = ['work_style', 'project_funds', 'identification_exit', 'discipline_complaints'] as const;

export const channelLabels: Record<(typeof complaintChannels)[number], string> = { web: '网上举报', hotline: '电话举报', letter: '来信举报' };

// Tracking codes use 32 characters without the look-alikes I/O/0/1, so a code read out on the phone survives.
export const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const TRACKING_CODE_LENGTH = 12;

const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);
const id = z.number().int('须为整数').positive('须为正整数').max(2147483647, '超出范围');
const regionCode = z.string().trim().regex(/^4413\d{2}(\d{3}(\d{3})?)?$/, '须为惠州市的县（区）、镇（街道）或村（社区）代码');
// Mobile 1xxxxxxxxxx, or a landline with its area code (0752-1234567).
const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '须为 11 位手机号码或带区号的固定电话（如 0752-1234567）');

const complaintFields = {
  subject: text('举报事项', 200),
  content: text('具体情况', 5000),
  regionCode,
  isAnonymous: z.boolean({ error: '须为 true 或 false' }),
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不能超过 40 字').optional(),
  phone: phone.optional(),
  contact: z.string().trim().min(1, '请填写联系方式').max(200, '其他联系方式不能超过 200 字').optional(),
};

function noIdentityWhenAnonymous(body: { isAnonymous: boolean; name?: string | undefined; phone?: string | undefined; contact?: string | undefined }, refine: z.RefinementCtx) {
  if (!body.isAnonymous) return;
  for (const field of ['name', 'phone', 'contact'] as const) {
    if (body[field] !== undefined) refine.addIssue({ code: 'custom', path: [field], message: '匿名举报不能填写姓名、电话或其他联系方式' });
  }
}

export const publicComplaintBody = z.object(complaintFields).strict().superRefine(noIdentityWhenAnonymous);
export const staffComplaintBody = z
  .object({ ...complaintFields, channel: z.enum(staffChannels, { error: '须为 hotline（电话）或 letter（来信）' }) })
  .strict()
  .superRefine(noIdentityWhenAnonymous);

export const trackingCodeParams = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(new RegExp(`^[${TRACKING_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`), `查询码须为 ${TRACKING_CODE_LENGTH} 位字母和数字`),
});

export const complaintIdParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });

export const complaintListQuery = z.object({
  status: z.enum(complaintStatuses).optional(),
  channel: z.enum(complaintChannels).optional(),
  unitCode: z.string().trim().max(20).optional(),
  q: z.string().trim().max(100).optional(),
});

export const publicRegionsQuery = z.object({
  parentCode: z
    .string()
    .trim()
    .regex(/^(4413(\d{2}(\d{3})?)?|[A-Z]{2,8})$/, '须为惠州市、考核单位（如 DYW）或县（区）、镇（街道）代码')
    .default('4413'),
});

export const acceptBody = z.object({ note: z.string().trim().max(1000, '受理意见不能超过 1000 字').optional() }).strict().optional();
export const rejectBody = z.object({ reason: text('不予受理的理由', 1000) }).strict();
export const assignBody = z.object({ unitCode: z.string().trim().min(1, '请选择交办的县（区）').max(20) }).strict();
export const answerBody = z.object({ answer: text('答复内容', 5000) }).strict();
export const reopenBody = z.object({ reason: text('不满意的理由', 1000) }).strict();

export const linkBody = z
  .object({
    householdId: id.nullable().optional(),
    villageCode: z.string().trim().regex(/^4413\d{8}$/, '须为 12 位村（社区）代码').nullable().optional(),
    problemId: id.nullable().optional(),
    inspectionId: id.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: '请至少指定一项关联（贫困户、村、问题或巡查）' });

export const createProblemBody = z
  .object({
    category: z.enum(problemCategories, { error: '须为督15 的四类问题之一' }),
    description: text('问题描述', 2000),
    requirement: text('整改要求', 2000),
  })
  .strict();

export const countyPreviewBody = z.object({ text: z.string().max(5000, '文字不能超过 5000 字') }).strict();
