/** UI text of the issued documents (发文), Chinese first; merged into app/messages.ts. */
export const documentMessagesZh = {
  'document.issued': '已发文件',
  'document.unnumbered': '无文号（组内报告）',
  'document.issuedBy': '{name} 发文',
  'document.download': '下载{kind}（DOCX）',
} as const;

export const documentMessagesEn: Record<keyof typeof documentMessagesZh, string> = {
  'document.issued': 'Issued documents',
  'document.unnumbered': 'No number (team report)',
  'document.issuedBy': 'issued by {name}',
  'document.download': 'Download the {kind} (DOCX)',
};
