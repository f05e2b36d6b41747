import type { ComplaintStatus } from '../../db/schema.complaints.ts';
import { defineWorkflow } from '../../kernel/workflow.ts';

export type ComplaintAction = 'accept' | 'reject' | 'assign' | 'answer' | 'confirm' | 'reopen';

/** The actions a complainant takes with the tracking code, without an account. */
export const complainantActions: readonly ComplaintAction[] = ['confirm', 'reopen'];

const office = ['office_admin', 'office_staff'] as const;

/**
 * A complaint 群众举报 (督4): the office triages it (accepts, refuses with a reason, or assigns it to
 * the county concerned) and answers; the complainant confirms the answer or reopens the complaint,
 * which sends it back to the office. Confirm and reopen belong to the holder of the tracking code,
 * so no staff role may take them (`by` is empty).
 */
export const complaintWorkflow = defineWorkflow<ComplaintStatus, ComplaintAction>({
  entityType: 'complaint',
  table: 'complaints',
  entityLabel: '群众举报',
  stateLabels: {
    submitted: '待受理',
    accepted: '已受理',
    not_accepted: '不予受理',
    assigned: '已交办县（区）',
    answered: '已答复',
    confirmed: '举报人已确认',
    reopened: '举报人不满意，已重新提出',
  },
  actions: {
    accept: { from: ['submitted', 'reopened'], to: 'accepted', by: office, label: '受理' },
    reject: { from: ['submitted'], to: 'not_accepted', by: office, label: '不予受理' },
    assign: { from: ['submitted', 'accepted', 'reopened'], to: 'assigned', by: office, label: '交办县（区）' },
    answer: { from: ['accepted', 'assigned', 'reopened'], to: 'answered', by: office, label: '答复' },
    confirm: { from: ['answered'], to: 'confirmed', by: [], label: '确认答复' },
    reopen: { from: ['answered'], to: 'reopened', by: [], label: '不满意，重新提出' },
  },
});
