import type { TransferStatus } from '../../db/schema.complaints.ts';
import type { ProblemStatus } from '../../db/schema.ts';
import { defineWorkflow } from '../../kernel/workflow.ts';
import { rectificationWorkflow } from '../rectifications/rectifications.workflow.ts';

export type TransferAction = 'acknowledge' | 'accept' | 'file' | 'conclude';

/**
 * A referral 移交 (督17, R-I6) as its recipient reports on it: receipt acknowledged, then 受理,
 * 立案 and 处理完毕 (a matter can be concluded without a case being filed). Only the discipline
 * liaison it is addressed to acts on it; the office reads the status.
 */
export const transferWorkflow = defineWorkflow<TransferStatus, TransferAction>({
  entityType: 'transfer',
  table: 'transfers',
  entityLabel: '移交案件',
  stateLabels: {
    sent: '已移交，待签收',
    received: '已签收',
    accepted: '已受理',
    filed: '已立案',
    concluded: '处理完毕',
  },
  actions: {
    acknowledge: { from: ['sent'], to: 'received', by: ['discipline'], label: '签收' },
    accept: { from: ['received'], to: 'accepted', by: ['discipline'], label: '受理' },
    file: { from: ['accepted'], to: 'filed', by: ['discipline'], label: '立案' },
    conclude: { from: ['received', 'accepted', 'filed'], to: 'concluded', by: ['discipline'], label: '处理完毕' },
  },
});

/** The ledger side of a referral: the problem leaves rectification for the discipline bodies (status `transferred`). */
export const problemTransferWorkflow = defineWorkflow<ProblemStatus, 'transfer'>({
  entityType: 'problem',
  table: 'problems',
  entityLabel: '问题',
  stateLabels: rectificationWorkflow.stateLabels,
  actions: {
    transfer: {
      from: ['open', 'in_progress', 'reported', 'returned', 'extension_requested', 'extension_granted'],
      to: 'transferred',
      by: ['office_admin', 'office_staff'],
      label: '移交纪检监察或检察机关',
    },
  },
});
