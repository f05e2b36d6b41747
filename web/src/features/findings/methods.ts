/** The working methods of 督4 by which field records are made, in the article's order — shared by inspections and supervisions. */
export type RecordMethod =
  | 'symposium'
  | 'document_review'
  | 'field_survey'
  | 'questionnaire'
  | 'interview'
  | 'briefing'
  | 'public_report'
  | 'unannounced_visit'
  | 'third_party_results';

export const recordMethods: readonly RecordMethod[] = [
  'symposium',
  'document_review',
  'field_survey',
  'questionnaire',
  'interview',
  'briefing',
  'public_report',
  'unannounced_visit',
  'third_party_results',
];
