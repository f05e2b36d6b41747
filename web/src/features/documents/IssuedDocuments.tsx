import { Descriptions, Flex, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import type { IssuedDocument } from './api';

/** The documents issued for a record: each with its 文号, date and the SHA-256 of the file kept (what a download returns). */
export function IssuedDocuments({ documents }: { documents: IssuedDocument[] | undefined }) {
  const { t } = useI18n();
  if (!documents?.length) return null;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      title={t('document.issued')}
      items={documents.map((document) => ({
        key: String(document.id),
        label: document.kindLabel,
        children: (
          <Flex vertical gap={2}>
            <span>
              {document.documentNumber ?? t('document.unnumbered')} · {document.issuedOn} · {t('document.issuedBy', { name: document.issuedByName })} ·{' '}
              <Typography.Link href={document.downloadUrl} download>
                {t('document.download', { kind: document.kindLabel })}
              </Typography.Link>
            </span>
            <Typography.Text type="secondary" copyable={{ text: document.sha256 }} style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
              SHA-256 {document.sha256}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}
