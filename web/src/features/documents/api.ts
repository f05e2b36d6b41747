/** A document issued for a record (发文): its 文号 (none for a team's report) and the SHA-256 of the file kept. */
export interface IssuedDocument {
  id: number;
  kind: 'inspection_report' | 'rectification_notice' | 'referral_letter' | 'supervision_report' | 'supervision_result_notice' | 'supervision_summary';
  kindLabel: string;
  documentNumber: string | null;
  title: string;
  issuedOn: string;
  sha256: string;
  /** Where the kept file is downloaded (the same bytes every time). */
  downloadUrl: string;
  issuedByName: string;
  issuedAt: string;
}
