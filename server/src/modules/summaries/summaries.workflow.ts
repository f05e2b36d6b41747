import type { CommendationStatus, SupervisionSummaryStatus } from '../../db/schema.supervisions.ts';
import { defineWorkflow } from '../../kernel/workflow.ts';

export type CommendationAction = 'approve' | 'reject';
export type SupervisionSummaryAction = 'submit';

/**
 * 督11: a commendation (通报表扬) of a county or unit whose supervision went well, or a model case
 * (先进典型) found through supervision — proposed by the city office, decided by its head.
 */
export const commendationWorkflow = defineWorkflow<CommendationStatus, CommendationAction>({
  entityType: 'commendation',
  table: 'commendations',
  entityLabel: '通报表扬/先进典型',
  stateLabels: { proposed: '待市扶贫办主任审定', approved: '已审定', rejected: '未予采纳' },
  actions: {
    approve: { from: ['proposed'], to: 'approved', by: ['office_admin'], label: '审定通过' },
    reject: { from: ['proposed'], to: 'rejected', by: ['office_admin'], label: '不予采纳' },
  },
});

/** 督11: the city office's summary of the year's supervision, reported by the office head to 市委、市政府. */
export const supervisionSummaryWorkflow = defineWorkflow<SupervisionSummaryStatus, SupervisionSummaryAction>({
  entityType: 'supervision_summary',
  table: 'supervision_summaries',
  entityLabel: '督查工作总结',
  stateLabels: { draft: '草稿', submitted: '已报送市委、市政府' },
  actions: {
    submit: { from: ['draft'], to: 'submitted', by: ['office_admin'], label: '报送市委、市政府' },
  },
});
