import { Button, Card, Flex, Form, Input, Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { downloadCsv, toCsv } from '../../app/csv';
import { todayStamp } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useUnits, type AssistanceCategory, type Unit, type UnitKind } from './api';

const categoryKeys: Record<AssistanceCategory, MessageKey> = {
  市直: 'units.category.cityLevel',
  驻惠: 'units.category.stationed',
};

function parseKind(value: string | null): UnitKind | undefined {
  return value === 'member' || value === 'assistance' ? value : undefined;
}

/** 单位: leading-group member units and assistance units (R-O3), searchable and exportable. */
export function UnitsPage() {
  const { t, serverLabel } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const kind = parseKind(searchParams.get('kind'));
  const [draft, setDraft] = useState(q);
  const units = useUnits({ q, kind });
  const items = units.data?.items ?? [];

  const updateFilter = (nextQ: string, nextKind: UnitKind | undefined) => {
    const next = new URLSearchParams();
    if (nextQ) next.set('q', nextQ);
    if (nextKind) next.set('kind', nextKind);
    setSearchParams(next, { replace: true });
  };

  const categoryText = (unit: Unit) =>
    unit.assistanceCategory ? serverLabel(unit.assistanceCategory, categoryKeys[unit.assistanceCategory]) : '';

  const columns: TableColumnsType<Unit> = [
    { title: t('units.name'), dataIndex: 'name' },
    {
      title: t('units.isMember'),
      dataIndex: 'isLeadingGroupMember',
      width: 160,
      render: (isMember: boolean) =>
        isMember ? <Tag color="red">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>,
    },
    {
      title: t('units.assistanceCategory'),
      dataIndex: 'assistanceCategory',
      width: 120,
      render: (_category, unit) => (unit.assistanceCategory ? <Tag color="blue">{categoryText(unit)}</Tag> : t('common.none')),
    },
    {
      title: t('units.region'),
      dataIndex: 'regionName',
      width: 160,
      render: (regionName: string | null, unit) =>
        unit.regionCode && regionName ? <Link to={`/regions/${unit.regionCode}`}>{regionName}</Link> : t('common.none'),
    },
    {
      title: t('units.peopleCount'),
      dataIndex: 'peopleCount',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.peopleCount - b.peopleCount,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_value, unit) => <Link to={`/people?unitId=${unit.id}`}>{t('units.viewPeople')}</Link>,
    },
  ];

  const exportCsv = () => {
    const header = [t('units.name'), t('units.isMember'), t('units.assistanceCategory'), t('units.region'), t('units.peopleCount')];
    const rows = items.map((unit) => [
      unit.name,
      unit.isLeadingGroupMember ? t('common.yes') : t('common.no'),
      categoryText(unit),
      unit.regionName ?? '',
      unit.peopleCount,
    ]);
    downloadCsv(`${t('units.exportFileName')}-${todayStamp()}.csv`, toCsv([header, ...rows]));
  };

  return (
    <Card
      title={t('nav.units')}
      extra={
        <Button onClick={exportCsv} disabled={items.length === 0}>
          {t('units.export')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Form layout="inline" style={{ rowGap: 8 }} onSubmitCapture={(event) => event.preventDefault()}>
          <Form.Item label={t('units.keyword')} htmlFor="units-q">
            <Input.Search
              id="units-q"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onSearch={(value) => updateFilter(value.trim(), kind)}
              placeholder={t('units.keywordPlaceholder')}
              enterButton={t('common.search')}
              allowClear
              style={{ width: 300 }}
            />
          </Form.Item>
          <Form.Item label={t('units.kind')}>
            <Segmented<UnitKind | 'all'>
              aria-label={t('units.kind')}
              value={kind ?? 'all'}
              onChange={(value) => updateFilter(draft.trim(), value === 'all' ? undefined : value)}
              options={[
                { value: 'all', label: t('common.all') },
                { value: 'member', label: t('units.kind.member') },
                { value: 'assistance', label: t('units.kind.assistance') },
              ]}
            />
          </Form.Item>
        </Form>
        {units.isError && <QueryErrorAlert error={units.error} onRetry={() => void units.refetch()} />}
        <Table<Unit>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={units.isFetching}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        />
      </Flex>
    </Card>
  );
}
