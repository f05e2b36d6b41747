import { Button, Card, Form, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useRegionSearch, type RegionLevel, type RegionSearchHit } from './api';

const searchableLevels: readonly RegionLevel[] = ['county', 'town', 'village'];

interface RegionSearchProps {
  q: string;
  level: RegionLevel | undefined;
  onChange: (q: string, level: RegionLevel | undefined) => void;
}

/** The search box over all regions in scope, with its results as links. */
export function RegionSearch({ q, level, onChange }: RegionSearchProps) {
  const { t, serverLabel } = useI18n();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(q);
  const search = useRegionSearch(q, level);

  const columns: TableColumnsType<RegionSearchHit> = [
    { title: t('regions.code'), dataIndex: 'code', width: 160 },
    {
      title: t('regions.name'),
      dataIndex: 'name',
      render: (name: string, hit) => <Link to={`/regions/${hit.code}`}>{name}</Link>,
    },
    {
      title: t('regions.level'),
      dataIndex: 'level',
      width: 140,
      render: (_level, hit) => serverLabel(hit.levelLabel, `level.${hit.level}`),
    },
    { title: t('regions.searchLocation'), dataIndex: 'pathName' },
    {
      title: t('regions.flags'),
      key: 'flags',
      width: 160,
      render: (_value, hit) => hit.isPovertyVillage && <Tag color="orange">{t('regions.povertyVillage')}</Tag>,
    },
  ];

  return (
    <>
      <Form layout="inline" style={{ rowGap: 8 }} onSubmitCapture={(event) => event.preventDefault()}>
        <Form.Item label={t('regions.searchLabel')} htmlFor="region-search">
          <Input.Search
            id="region-search"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onSearch={(value) => onChange(value.trim(), level)}
            placeholder={t('regions.searchPlaceholder')}
            enterButton={t('common.search')}
            allowClear
            loading={search.isFetching}
            style={{ width: 320 }}
          />
        </Form.Item>
        <Form.Item label={t('regions.searchLevel')} htmlFor="region-search-level">
          <Select<RegionLevel | ''>
            id="region-search-level"
            value={level ?? ''}
            onChange={(value) => onChange(draft.trim(), value || undefined)}
            style={{ width: 160 }}
            options={[
              { value: '', label: t('common.all') },
              ...searchableLevels.map((value) => ({ value, label: t(`level.${value}`) })),
            ]}
          />
        </Form.Item>
      </Form>
      {q && (
        <Card
          size="small"
          title={t('regions.searchResults', { q })}
          extra={
            <Button
              size="small"
              onClick={() => {
                setDraft('');
                onChange('', level);
              }}
            >
              {t('regions.searchClear')}
            </Button>
          }
        >
          {search.isError && <QueryErrorAlert error={search.error} onRetry={() => void search.refetch()} />}
          <Table<RegionSearchHit>
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={search.data?.items ?? []}
            loading={search.isFetching}
            locale={{ emptyText: t('regions.searchEmpty') }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            onRow={(hit) => ({ onClick: () => void navigate(`/regions/${hit.code}`), style: { cursor: 'pointer' } })}
          />
        </Card>
      )}
    </>
  );
}
