import type { Workflow } from '../../kernel/workflow.ts';
import { complaintWorkflow } from '../complaints/complaints.workflow.ts';
import { inspectionWorkflow } from '../inspections/inspections.workflow.ts';
import { personChangeWorkflow } from '../people/people.workflow.ts';
import { rectificationWorkflow } from '../rectifications/rectifications.workflow.ts';
import { householdStatusWorkflow } from '../registry/registry.workflow.ts';
import { commendationWorkflow, supervisionSummaryWorkflow } from '../summaries/summaries.workflow.ts';
import { supervisionPlanWorkflow, supervisionWorkflow } from '../supervisions/supervisions.workflow.ts';
import { problemTransferWorkflow, transferWorkflow } from '../transfers/transfers.workflow.ts';

/*
 * The audit log's vocabulary in Chinese: what each recorded action and record type is called. Workflow actions are
 * named by their workflows (`<entity>.<action>` → the action's label), so a new action is named where it is defined;
 * the rest — events written outside a workflow — are listed here. An unknown code is shown as itself.
 */

const workflows: readonly Workflow<string, string>[] = [
  supervisionPlanWorkflow,
  supervisionWorkflow,
  inspectionWorkflow,
  // The ledger's own name for a problem wins over the transfer's view of it.
  problemTransferWorkflow,
  rectificationWorkflow,
  complaintWorkflow,
  transferWorkflow,
  commendationWorkflow,
  supervisionSummaryWorkflow,
  personChangeWorkflow,
  householdStatusWorkflow,
];

const otherEntityLabels: Record<string, string> = {
  attachment: '附件',
  exit_criteria: '脱贫标准',
  handling_recommendation: '处理建议',
  household_member: '家庭成员',
  inspection_record: '巡查工作记录',
  installation: '安装类型',
  issued_document: '发文',
  measure_parameter: '参数配置',
  person: '人员',
  poverty_villages: '贫困村名单',
  region: '行政区划',
  registry_import: '建档立卡导入',
  registry_snapshot: '截止日快照',
  seed: '初始化数据',
  supervision_record: '督查工作记录',
  supervision_visit: '督查行程',
  team: '督查组/巡查组',
  user: '用户',
  checklist: '责任清单',
  checklist_item: '责任清单事项',
};

const otherActionLabels: Record<string, string> = {
  'attachment.delete': '删除附件',
  'attachment.upload': '上传附件',
  'auth.backoff': '登录失败过多，须等待',
  'auth.login': '登录',
  'checklist.copy': '沿用上年度责任清单',
  'checklist_item.add': '增加清单事项',
  'checklist_item.delete': '删除清单事项',
  'checklist_item.edit': '修改清单事项',
  'commendation.propose': '提出通报表扬',
  'complaint.createProblem': '将举报转入整改台账',
  'complaint.file': '提交举报',
  'complaint.link': '关联举报',
  'document.issue': '发文（编号并留存）',
  'exit_criteria.seed': '载入默认脱贫标准',
  'handling_recommendation.issue': '提出处理建议',
  'household_member.look_up_id': '按完整身份证号查找',
  'household_member.reveal_id': '查看完整身份证号',
  'inspection.propose': '提出巡查',
  'inspection_record.add': '填写巡查工作记录',
  'installation.create': '登记安装类型',
  'measure_parameter.seed': '载入默认参数',
  'measure_parameter.update': '修改参数',
  'person.create': '新增人员',
  'person.update': '人员变更生效',
  'person_change_request.submit': '申请人员变更',
  'poverty_villages.replace': '替换贫困村名单',
  'problem.decideDisclosure': '决定是否公开整改结果',
  'problem.escalate': '逾期督办升级',
  'problem.notify': '通知整改',
  'problem.record': '记入整改台账',
  'regions.import': '载入行政区划',
  'registry.import': '导入建档立卡数据',
  'registry.snapshot': '冻结截止日快照',
  'seed.demo_registry': '生成演示建档立卡数据',
  'seed.demo_roster': '生成演示人员名册和贫困村',
  'seed.reference_data': '载入参考数据',
  'supervision.propose': '提出督查事项',
  'supervision_plan.create': '制定年度督查计划',
  'supervision_record.add': '填写督查工作记录',
  'supervision_summary.create': '撰写督查工作总结',
  'supervision_summary.update': '修改督查工作总结',
  'supervision_team.form': '组建督查组',
  'supervision_visit.plan': '安排督查行程',
  'supervision_visit.record': '记录督查行程',
  'team.form': '组建巡查组',
  'transfer.create': '移交问题线索',
  'user.change_role': '更改角色或范围',
  'user.create': '创建用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.link_person': '关联名册人员',
  'user.password_change': '修改密码',
  'user.password_reset': '重置密码',
  'user.unlock': '清除登录失败记录',
};

/** Every record type the log names, with its Chinese name. */
export const auditEntityLabels: Record<string, string> = {
  ...Object.fromEntries(workflows.map((workflow) => [workflow.entityType, workflow.entityLabel])),
  ...otherEntityLabels,
};

/** Every action the log records, with its Chinese name. */
export const auditActionLabels: Record<string, string> = {
  ...Object.fromEntries(workflows.flatMap((workflow) => Object.entries(workflow.actions).map(([name, action]) => [`${workflow.entityType}.${name}`, action.label]))),
  ...otherActionLabels,
};

export const labelOfAuditAction = (code: string): string => auditActionLabels[code] ?? code;
export const labelOfAuditEntity = (code: string): string => auditEntityLabels[code] ?? code;

/** The pickers of the 审计日志 page: codes with labels, by label. */
export function auditVocabulary() {
  const entries = (labels: Record<string, string>) => Object.entries(labels).map(([code, label]) => ({ code, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  return { actions: entries(auditActionLabels), entityTypes: entries(auditEntityLabels) };
}
