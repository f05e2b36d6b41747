import type { SupervisionPlanStatus, SupervisionStatus } from '../../db/schema.supervisions.ts';
import { defineWorkflow } from '../../kernel/workflow.ts';

export type SupervisionPlanAction = 'approve';
export type SupervisionAction = 'approve' | 'formTeam' | 'startFieldWork' | 'submitReport' | 'notifyResult' | 'close';

/** The annual supervision plan (督6): drafted by the city office, approved by its head. */
export const supervisionPlanWorkflow = defineWorkflow<SupervisionPlanStatus, SupervisionPlanAction>({
  entityType: 'supervision_plan',
  table: 'supervision_plans',
  entityLabel: '年度督查计划',
  stateLabels: { draft: '草拟中', approved: '已批准' },
  actions: {
    approve: { from: ['draft'], to: 'approved', by: ['office_admin'], label: '批准年度督查计划' },
  },
});

/**
 * A supervision 督查 (督6–10): an item of the annual plan approved by the head of the city office
 * (督6), a team formed from leading-group member units (督7), field work, the leader's written
 * report (督10(3)), the result notified to the supervised unit with its rectification requirements
 * (督12), then closed by the office once every problem is verified.
 */
export const supervisionWorkflow = defineWorkflow<SupervisionStatus, SupervisionAction>({
  entityType: 'supervision',
  table: 'supervisions',
  entityLabel: '督查',
  stateLabels: {
    proposed: '待市扶贫办批准',
    approved: '已批准（待组建督查组）',
    team_formed: '已组建督查组',
    in_field: '实地督查中',
    report_submitted: '督查报告已提交',
    result_notified: '已通报督查结果，整改中',
    closed: '已办结',
  },
  actions: {
    approve: { from: ['proposed'], to: 'approved', by: ['office_admin'], label: '批准督查事项' },
    formTeam: { from: ['approved'], to: 'team_formed', by: ['office_admin', 'office_staff'], label: '组建督查组' },
    startFieldWork: { from: ['team_formed'], to: 'in_field', by: ['office_admin', 'office_staff', 'team_leader'], label: '开展实地督查' },
    submitReport: { from: ['in_field'], to: 'report_submitted', by: ['team_leader'], label: '提交督查报告' },
    notifyResult: { from: ['report_submitted'], to: 'result_notified', by: ['office_admin', 'office_staff'], label: '通报督查结果' },
    close: { from: ['result_notified'], to: 'closed', by: ['office_admin', 'office_staff'], label: '办结' },
  },
});
