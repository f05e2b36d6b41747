import { z } from 'zod';

export const transferStatuses = ['sent', 'received', 'accepted', 'filed', 'concluded'] as const;
export const recipientBodies = ['discipline_inspection', 'procuratorate'] as const;
export const recipientBodyLabels: Record<(typeof recipientBodies)[number], string> = {
  discipline_inspection: '纪检监察机关',
  procuratorate: '检察机关',
};

const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);
const id = z.number().int('须为整数').positive('须为正整数').max(2147483647, '超出范围');

export const transferIdParams = z.object({ id: z.coerce.number().int().positive('须为正整数').max(2147483647) });
export const transferListQuery = z.object({ status: z.enum(transferStatuses).optional() });

export const createTransferBody = z
  .object({
    problemId: id,
    recipientBody: z.enum(recipientBodies, { error: '须为 discipline_inspection（纪检监察机关）或 procuratorate（检察机关）' }),
    recipientUserId: id,
    summary: text('移交情况说明', 5000),
    // The inspection's field records and other findings that go with the problem; all records when omitted.
    recordIds: z.array(id).max(200, '最多附 200 条记录').optional(),
    findingIds: z.array(id).max(200, '最多附 200 个问题').optional(),
  })
  .strict();

export const reportBody = z.object({ note: text('办理情况说明', 2000) }).strict();
