/** Names of the working methods of 督4, Chinese first; merged into app/messages.ts. */
export const findingMessagesZh = {
  'method.symposium': '召开座谈会',
  'method.document_review': '查阅资料',
  'method.field_survey': '实地调查',
  'method.questionnaire': '问卷调查',
  'method.interview': '个别访谈',
  'method.briefing': '听取汇报',
  'method.public_report': '受理群众举报',
  'method.unannounced_visit': '随机访或暗访',
  'method.third_party_results': '运用第三方评估成果',
};

export const findingMessagesEn: Record<keyof typeof findingMessagesZh, string> = {
  'method.symposium': 'Symposium',
  'method.document_review': 'Document review',
  'method.field_survey': 'Field survey',
  'method.questionnaire': 'Questionnaire',
  'method.interview': 'Individual interview',
  'method.briefing': 'Briefing',
  'method.public_report': 'Public report',
  'method.unannounced_visit': 'Random or unannounced visit',
  'method.third_party_results': 'Third-party evaluation results',
};
