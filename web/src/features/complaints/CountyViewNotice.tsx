import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { previewForCounty } from './api';

/**
 * Under a text the county will read (a note, a reason, an answer, a ledger problem): warns the office user, while
 * they type, that the text holds the complainant's name, phone or contact, and shows what the county will see —
 * the server masks it, as it will when the text is saved.
 */
export function CountyViewNotice({ complaintId, field }: { complaintId: number; field: string }) {
  const { t } = useI18n();
  const text = (Form.useWatch(field) as string | undefined) ?? '';
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), 400);
    return () => clearTimeout(timer);
  }, [text]);
  const preview = useQuery({
    queryKey: ['complaints', complaintId, 'county-preview', settled],
    queryFn: () => previewForCounty(complaintId, settled),
    enabled: settled.trim() !== '',
    staleTime: Infinity,
  });
  const found = preview.data?.found ?? [];
  if (settled.trim() === '' || found.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      style={{ marginTop: 8 }}
      title={t('complaint.countyPreview.warning', { parts: found.map((part) => t(`complaint.countyPreview.${part}`)).join('、') })}
      description={
        <>
          {t('complaint.countyPreview.shown')}
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{preview.data?.shown}</Typography.Paragraph>
        </>
      }
    />
  );
}
