import type { ProblemStatus, Role } from '../../db/schema.ts';
import { defineWorkflow } from '../../kernel/workflow.ts';

/** Who rectifies: the responsible county's user, or the assistance unit's user for a problem of a supervised unit (督12). */
const responsibleUnitRoles: readonly Role[] = ['county_user', 'assist_unit_user'];

export type RectificationAction = 'start' | 'submit' | 'verify' | 'return' | 'requestExtension' | 'grantExtension' | 'refuseExtension';

/**
 * A problem in the ledger (SPEC §6): the responsible county rectifies and reports; the city office
 * verifies or returns it. Only `verified` counts as fixed — a reported problem is not yet closed.
 */
export const rectificationWorkflow = defineWorkflow<ProblemStatus, RectificationAction>({
  entityType: 'problem',
  table: 'problems',
  entityLabel: '问题整改',
  stateLabels: {
    open: '待整改',
    in_progress: '整改中',
    reported: '已报送整改情况（待核验）',
    verified: '已核验整改到位',
    returned: '已退回重新整改',
    extension_requested: '已申请延期',
    extension_granted: '已批准延期',
    transferred: '已移交',
  },
  actions: {
    start: { from: ['open'], to: 'in_progress', by: responsibleUnitRoles, label: '开始整改' },
    submit: { from: ['open', 'in_progress', 'returned', 'extension_granted'], to: 'reported', by: responsibleUnitRoles, label: '报送整改情况' },
    verify: { from: ['reported'], to: 'verified', by: ['office_admin', 'office_staff'], label: '核验通过' },
    return: { from: ['reported'], to: 'returned', by: ['office_admin', 'office_staff'], label: '退回重新整改' },
    requestExtension: { from: ['open', 'in_progress', 'returned'], to: 'extension_requested', by: responsibleUnitRoles, label: '申请延期' },
    grantExtension: { from: ['extension_requested'], to: 'extension_granted', by: ['office_admin', 'office_staff'], label: '批准延期' },
    refuseExtension: { from: ['extension_requested'], to: 'in_progress', by: ['office_admin', 'office_staff'], label: '不予延期' },
  },
});
