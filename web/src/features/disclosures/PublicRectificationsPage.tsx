import { Card, Empty, Flex, List, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { usePublishedRectifications } from './api';

// The seven assessment units of 考2; the page is public, so it cannot ask the staff API for them.
const units = [
  { code: 'HD', name: '惠东县' },
  { code: 'BL', name: '博罗县' },
  { code: 'LM', name: '龙门县' },
  { code: 'HC', name: '惠城区' },
  { code: 'HY', name: '惠阳区' },
  { code: 'DYW', name: '大亚湾区' },
  { code: 'ZK', name: '仲恺高新区' },
];

/** 督18, R-I8: rectification results the office decided to publish, personal data already masked by the server. */
export function PublicRectificationsPage() {
  const { t } = useI18n();
  const [unitCode, setUnitCode] = useState<string | undefined>();
  const published = usePublishedRectifications(unitCode);
  return (
    <Card
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('public.rectifications.title')}</h1>}
      extra={
        <Select<string | undefined>
          aria-label={t('rectification.unit')}
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          value={unitCode}
          onChange={setUnitCode}
          options={units.map((unit) => ({ value: unit.code, label: unit.name }))}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('public.rectifications.intro')}</Typography.Paragraph>
      {published.isError && <QueryErrorAlert error={published.error} onRetry={() => void published.refetch()} />}
      <List
        loading={published.isFetching}
        dataSource={published.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('public.rectifications.empty')} /> }}
        renderItem={(item) => (
          <List.Item key={item.id}>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex gap={8} wrap>
                <Tag color="red">{item.unitName}</Tag>
                <Tag>{item.categoryLabel}</Tag>
              </Flex>
              <Typography.Text>
                <Typography.Text strong>{t('public.rectifications.problem')}：</Typography.Text>
                {item.problem}
              </Typography.Text>
              <Typography.Text>
                <Typography.Text strong>{t('public.rectifications.requirement')}：</Typography.Text>
                {item.requirement}
              </Typography.Text>
              <Typography.Text>
                <Typography.Text strong>{t('public.rectifications.measures')}：</Typography.Text>
                {item.measures}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('rectification.deadline')} {item.deadline ?? t('common.none')} · {t('public.rectifications.verifiedAt')} {formatDateTime(item.verifiedAt)} ·{' '}
                {t('public.rectifications.disclosedAt')} {formatDateTime(item.disclosedAt)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
