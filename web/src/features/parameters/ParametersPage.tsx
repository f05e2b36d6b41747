import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Grid, Result, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import type { Role } from '../auth/api';
import { useCurrentUser } from '../auth/currentUser';
import { useParameters, type MeasureParameter } from './api';
import { ParameterFormModal } from './ParameterFormModal';

const firstYear = 2016;
// Who reads the page; the server decides, and offers 修改 to the office administrator only.
const readerRoles: readonly Role[] = ['office_admin', 'office_staff', 'city_leader'];

/**
 * 参数配置: the measures' numbers of a year — article, default, value and where it comes from, who set it when —
 * with 修改 where the server offers it, and the server's reason when the year's work has started.
 */
export function ParametersPage() {
  const { t } = useI18n();
  const currentUser = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(searchParams.get('year')) || thisYear;
  const parameters = useParameters(year);
  const [editing, setEditing] = useState<MeasureParameter | null>(null);
  const isNarrow = !Grid.useBreakpoint().md;

  if (!readerRoles.includes(currentUser.role)) return <Result status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbiddenHint')} />;

  const years = Array.from({ length: Math.max(thisYear, year) + 3 - firstYear }, (_, index) => firstYear + index);
  const data = parameters.data;
  const items = data?.items ?? [];
  // The group's name once, over its rows (the server lists the parameters group by group).
  const groupRowSpan = (parameter: MeasureParameter, index: number | undefined) => {
    const at = index ?? 0;
    if (at > 0 && items[at - 1]?.group === parameter.group) return 0;
    let span = 1;
    while (items[at + span]?.group === parameter.group) span += 1;
    return span;
  };

  const columns: TableColumnsType<MeasureParameter> = [
    { title: t('parameters.group'), dataIndex: 'groupLabel', width: 96, onCell: (parameter, index) => ({ rowSpan: groupRowSpan(parameter, index) }) },
    {
      title: t('parameters.label'),
      dataIndex: 'label',
      width: 280,
      render: (label: string, parameter) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{label}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {parameter.note}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('parameters.article'),
      dataIndex: 'article',
      width: 84,
      render: (article: string, parameter) => (
        <Tooltip title={parameter.quote}>
          <Tag color="red" variant="outlined">
            {article}
          </Tag>
        </Tooltip>
      ),
    },
    { title: t('parameters.default'), dataIndex: 'defaultText', width: 100 },
    {
      title: t('parameters.value'),
      dataIndex: 'valueText',
      width: 190,
      render: (valueText: string, parameter) => (
        <Space size={4} wrap>
          <Typography.Text strong={!parameter.isDefault}>{valueText}</Typography.Text>
          <Tag color={parameter.source === 'year' ? 'blue' : 'default'}>{parameter.sourceText}</Tag>
          {!parameter.isDefault && <Tag color="orange">{t('parameters.changed')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('parameters.changedBy'),
      key: 'changed',
      width: 150,
      render: (_value, parameter) =>
        parameter.updatedByName ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text>{parameter.updatedByName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(parameter.updatedAt)}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 72,
      render: (_value, parameter) =>
        parameter.actions.includes('edit') ? (
          <Button size="small" onClick={() => setEditing(parameter)} aria-label={`${t('parameters.edit')}「${parameter.label}」`}>
            {t('parameters.edit')}
          </Button>
        ) : parameter.lockReason && !data?.lockReason ? (
          <Tooltip title={parameter.lockReason}>
            <LockOutlined aria-label={t('parameters.locked')} />
          </Tooltip>
        ) : null,
    },
  ];

  return (
    <Card
      title={t('parameters.title')}
      extra={
        <Select
          aria-label={t('parameters.year')}
          value={year}
          style={{ width: isNarrow ? 110 : 140 }}
          onChange={(value: number) => setSearchParams({ year: String(value) }, { replace: true })}
          options={years.map((value) => ({ value, label: t('parameters.yearOption', { year: value }) }))}
        />
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('parameters.intro')}
        </Typography.Paragraph>
        {data?.lockReason && <Alert type="warning" showIcon icon={<LockOutlined aria-hidden />} title={t('parameters.locked')} description={data.lockReason} />}
        {parameters.isError && <QueryErrorAlert error={parameters.error} onRetry={() => void parameters.refetch()} />}
        <Table<MeasureParameter>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={items}
          loading={parameters.isFetching}
          pagination={false}
          bordered
          scroll={{ x: 972 }}
        />
      </Flex>
      <ParameterFormModal year={year} parameter={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
