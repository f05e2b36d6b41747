import { Button, Card, Flex, Form, Input, Select, Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useUnits } from '../units/api';
import { ranks, usePeople, type PeopleFilter, type Person, type Rank } from './api';
import { CreatePersonModal } from './CreatePersonModal';
import { PersonDrawer } from './PersonDrawer';

const pageSizes = [10, 20, 50, 100];

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** The list's filters live in the address, so a filtered page can be shared and survives reload. */
function readFilter(searchParams: URLSearchParams): PeopleFilter {
  const rank = searchParams.get('rank');
  const pageSize = positiveInt(searchParams.get('pageSize'), 20);
  return {
    q: searchParams.get('q') ?? '',
    unitId: searchParams.get('unitId') ?? '',
    rank: ranks.find((value) => value === rank),
    page: positiveInt(searchParams.get('page'), 1),
    pageSize: pageSizes.includes(pageSize) ? pageSize : 20,
  };
}

function writeFilter(filter: PeopleFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.unitId) params.set('unitId', filter.unitId);
  if (filter.rank) params.set('rank', filter.rank);
  if (filter.page > 1) params.set('page', String(filter.page));
  if (filter.pageSize !== 20) params.set('pageSize', String(filter.pageSize));
  return params;
}

/** 人员: people of the units in scope (R-O4), paged by the server; a row opens the person. */
export function PeoplePage() {
  const { t, serverLabel } = useI18n();
  const { personId } = useParams();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readFilter(searchParams);
  const [draft, setDraft] = useState(filter.q);
  const [isCreating, setCreating] = useState(false);
  const people = usePeople(filter);
  const units = useUnits();
  const search = searchParams.toString() ? `?${searchParams.toString()}` : '';

  const updateFilter = (change: Partial<PeopleFilter>) => {
    // Any change other than paging starts again from the first page.
    const next = { ...filter, page: 1, ...change };
    setSearchParams(writeFilter(next), { replace: true });
  };

  const columns: TableColumnsType<Person> = [
    {
      title: t('people.name'),
      dataIndex: 'name',
      width: 120,
      render: (name: string, person) => (
        <Link to={`/people/${person.id}${search}`} onClick={(event) => event.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    {
      title: t('people.gender'),
      dataIndex: 'gender',
      width: 80,
      render: (gender: Person['gender']) => t(`people.gender.${gender}`),
    },
    { title: t('people.unit'), dataIndex: 'unitName' },
    { title: t('people.post'), dataIndex: 'post' },
    {
      title: t('people.rank'),
      dataIndex: 'rank',
      width: 110,
      render: (_rank, person) => serverLabel(person.rankLabel, `rank.${person.rank}`),
    },
    {
      title: t('people.homeRegion'),
      dataIndex: 'homeRegionName',
      width: 140,
      render: (name: string | null) => name ?? t('common.none'),
    },
  ];

  const onTableChange = (pagination: TablePaginationConfig) => {
    const pageSize = pagination.pageSize ?? filter.pageSize;
    updateFilter({ pageSize, page: pageSize === filter.pageSize ? (pagination.current ?? 1) : 1 });
  };

  return (
    <Card
      title={t('nav.people')}
      extra={
        people.data?.actions.includes('create') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('people.create')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Form layout="inline" style={{ rowGap: 8 }} onSubmitCapture={(event) => event.preventDefault()}>
          <Form.Item label={t('people.keyword')} htmlFor="people-q">
            <Input.Search
              id="people-q"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onSearch={(value) => updateFilter({ q: value.trim() })}
              placeholder={t('people.keywordPlaceholder')}
              enterButton={t('common.search')}
              allowClear
              style={{ width: 280 }}
            />
          </Form.Item>
          <Form.Item label={t('people.unit')} htmlFor="people-unit">
            <Select<string | undefined>
              id="people-unit"
              value={filter.unitId || undefined}
              onChange={(unitId) => updateFilter({ unitId: unitId ?? '' })}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isPending}
              placeholder={t('people.allUnits')}
              style={{ width: 260 }}
              options={(units.data?.items ?? []).map((unit) => ({ value: String(unit.id), label: unit.name }))}
            />
          </Form.Item>
          <Form.Item label={t('people.rank')} htmlFor="people-rank">
            <Select<Rank | undefined>
              id="people-rank"
              value={filter.rank}
              onChange={(rank) => updateFilter({ rank })}
              allowClear
              placeholder={t('people.allRanks')}
              style={{ width: 140 }}
              options={ranks.map((rank) => ({ value: rank, label: t(`rank.${rank}`) }))}
            />
          </Form.Item>
        </Form>
        {people.isError && <QueryErrorAlert error={people.error} onRetry={() => void people.refetch()} />}
        <Table<Person>
          rowKey="id"
          columns={columns}
          dataSource={people.data?.items ?? []}
          loading={people.isFetching}
          onChange={onTableChange}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: people.data?.total ?? 0,
            pageSizeOptions: pageSizes,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onRow={(person) => ({
            onClick: () => void navigate(`/people/${person.id}${search}`),
            style: { cursor: 'pointer' },
          })}
        />
      </Flex>
      <CreatePersonModal open={isCreating} onClose={() => setCreating(false)} />
      <PersonDrawer personId={personId} onClose={() => void navigate(`/people${search}`)} />
    </Card>
  );
}
