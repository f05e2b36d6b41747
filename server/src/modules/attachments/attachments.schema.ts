import { z } from 'zod';

export const attachmentOwnerTypes = ['inspection_record', 'supervision_record', 'problem'] as const;

/** What each owner is called in messages. */
export const attachmentOwnerLabels: Record<(typeof attachmentOwnerTypes)[number], string> = {
  inspection_record: '巡查工作记录',
  supervision_record: '督查工作记录',
  problem: '问题',
};

const id = z.coerce.number().int('须为整数').positive('须为正整数').max(2147483647, '超出范围');

export const attachmentOwnerQuery = z.object({
  ownerType: z.enum(attachmentOwnerTypes),
  ownerId: id,
});

export const uploadAttachmentQuery = attachmentOwnerQuery.extend({
  // Cleaned and shortened to 200 characters by the service; the raw value may carry a path.
  fileName: z.string().min(1, '请提供文件名').max(1000, '文件名过长'),
});

export const attachmentIdParams = z.object({ id });
