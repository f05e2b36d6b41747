import type { ChangeRequestStatus } from '../../db/schema.ts';
import { defineWorkflow } from '../../kernel/workflow.ts';

/** A request to change a person's rank or unit: submitted by the office or the organisation department, decided by the office head. */
export const personChangeWorkflow = defineWorkflow<ChangeRequestStatus, 'approve' | 'reject' | 'withdraw'>({
  entityType: 'person_change_request',
  table: 'person_change_requests',
  entityLabel: '人员信息变更申请',
  stateLabels: { submitted: '待审批', approved: '已批准', rejected: '已驳回', withdrawn: '已撤回' },
  actions: {
    approve: { from: ['submitted'], to: 'approved', by: ['office_admin'], label: '批准' },
    reject: { from: ['submitted'], to: 'rejected', by: ['office_admin'], label: '驳回' },
    withdraw: { from: ['submitted'], to: 'withdrawn', by: ['office_admin', 'office_staff', 'org_dept'], label: '撤回' },
  },
});
