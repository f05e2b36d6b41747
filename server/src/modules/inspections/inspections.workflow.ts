import type { InspectionStatus } from '../../db/schema.ts';
import { defineWorkflow } from '../../kernel/workflow.ts';

export type InspectionAction = 'approve' | 'reject' | 'formTeam' | 'startFieldWork' | 'submitReport' | 'issueFeedback' | 'close';

/**
 * An inspection 巡查 (督13–18): proposed by the city office, approved by 市委/市政府 before a team
 * may be formed (督13), field work by the team, a written report by its leader (督16(3)),
 * feedback to the county that starts the 2-month rectification clock (督18), then closed.
 */
export const inspectionWorkflow = defineWorkflow<InspectionStatus, InspectionAction>({
  entityType: 'inspection',
  table: 'inspections',
  entityLabel: '巡查',
  stateLabels: {
    proposed: '待市委市政府审批',
    approved: '已批准（待组建巡查组）',
    rejected: '未获批准',
    team_formed: '已组建巡查组',
    in_field: '实地巡查中',
    report_submitted: '巡查报告已提交',
    feedback_issued: '已反馈，整改中',
    closed: '已办结',
  },
  actions: {
    approve: { from: ['proposed'], to: 'approved', by: ['city_leader'], label: '批准巡查' },
    reject: { from: ['proposed'], to: 'rejected', by: ['city_leader'], label: '不予批准' },
    formTeam: { from: ['approved'], to: 'team_formed', by: ['office_admin', 'office_staff'], label: '组建巡查组' },
    startFieldWork: { from: ['team_formed'], to: 'in_field', by: ['office_admin', 'office_staff', 'team_leader'], label: '进驻开展实地巡查' },
    submitReport: { from: ['in_field'], to: 'report_submitted', by: ['team_leader'], label: '提交巡查报告' },
    issueFeedback: { from: ['report_submitted'], to: 'feedback_issued', by: ['office_admin', 'office_staff'], label: '向被巡查县（区）反馈' },
    close: { from: ['feedback_issued'], to: 'closed', by: ['office_admin', 'office_staff'], label: '办结' },
  },
});
