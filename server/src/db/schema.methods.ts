/** The working methods of 督4 by which inspection and supervision field records are made. */
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
