import { Breadcrumb, Button, Card, Descriptions, Flex, Result, Table, Tag, type TableColumnsType } from 'antd';
import { Link, Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { isNotFound } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useRegionDetail, useRegionRoots, type Region, type RegionLevel } from './api';
import { RegionSearch } from './RegionSearch';

const regionLevels: readonly string[] = ['province', 'city', 'county', 'town', 'village'];

function useRegionColumns(): TableColumnsType<Region> {
  const { t, serverLabel } = useI18n();
  return [
    { title: t('regions.code'), dataIndex: 'code', width: 160 },
    {
      title: t('regions.name'),
      dataIndex: 'name',
      render: (name: string, region) => <Link to={`/regions/${region.code}`}>{name}</Link>,
    },
    {
      title: t('regions.level'),
      dataIndex: 'level',
      width: 140,
      render: (_level, region) => serverLabel(region.levelLabel, `level.${region.level}`),
    },
    { title: t('regions.childCount'), dataIndex: 'childCount', width: 120, align: 'right' },
    {
      title: t('regions.flags'),
      key: 'flags',
      width: 160,
      render: (_value, region) => region.isPovertyVillage && <Tag color="orange">{t('regions.povertyVillage')}</Tag>,
    },
  ];
}

function RegionTable({ regions, loading }: { regions: Region[]; loading?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Table<Region>
      rowKey="code"
      size="middle"
      columns={useRegionColumns()}
      dataSource={regions}
      loading={loading}
      locale={{ emptyText: t('regions.noChildren') }}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
      onRow={(region) => ({
        onClick: () => void navigate(`/regions/${region.code}`),
        style: { cursor: 'pointer' },
      })}
    />
  );
}

/** With a single visible root (the usual case) the page opens it directly. */
function RegionRoots() {
  const { t } = useI18n();
  const location = useLocation();
  const roots = useRegionRoots();
  if (roots.isError) return <QueryErrorAlert error={roots.error} onRetry={() => void roots.refetch()} />;
  const items = roots.data?.items ?? [];
  const onlyRoot = items.length === 1 ? items[0] : undefined;
  if (onlyRoot) return <Navigate to={{ pathname: `/regions/${onlyRoot.code}`, search: location.search }} replace />;
  return (
    <Card title={t('regions.roots')}>
      <RegionTable regions={items} loading={roots.isPending} />
    </Card>
  );
}

function RegionDetailView({ code }: { code: string }) {
  const { t, serverLabel } = useI18n();
  const detail = useRegionDetail(code);

  if (detail.isPending) return <PageSpin />;
  if (isNotFound(detail.error)) {
    return (
      <Result
        status="404"
        title={t('regions.notFound')}
        extra={
          <Link to="/regions">
            <Button type="primary">{t('regions.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (detail.isError) return <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;

  const { region, ancestors, children } = detail.data;
  const parent = ancestors[ancestors.length - 1];
  return (
    <Flex vertical gap={16}>
      <Breadcrumb
        items={[
          { key: 'regions', title: <Link to="/regions">{t('nav.regions')}</Link> },
          ...ancestors.map((ancestor) => ({
            key: ancestor.code,
            title: <Link to={`/regions/${ancestor.code}`}>{ancestor.name}</Link>,
          })),
          { key: region.code, title: region.name },
        ]}
      />
      <Card
        title={
          <Flex gap={8} align="center">
            <span>{region.name}</span>
            {region.isPovertyVillage && <Tag color="orange">{t('regions.povertyVillage')}</Tag>}
          </Flex>
        }
      >
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'code', label: t('regions.code'), children: region.code },
            { key: 'level', label: t('regions.level'), children: serverLabel(region.levelLabel, `level.${region.level}`) },
            {
              key: 'parent',
              label: t('regions.parent'),
              children: parent ? <Link to={`/regions/${parent.code}`}>{parent.name}</Link> : t('common.none'),
            },
            { key: 'childCount', label: t('regions.childCount'), children: region.childCount },
          ]}
        />
      </Card>
      {region.level !== 'village' && (
        <Card title={t('regions.children')}>
          <RegionTable regions={children} />
        </Card>
      )}
    </Flex>
  );
}

/** 行政区划: drill down from the city to villages, within the user's scope, or search. */
export function RegionsPage() {
  const { code } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const levelParam = searchParams.get('level');
  const level = levelParam && regionLevels.includes(levelParam) ? (levelParam as RegionLevel) : undefined;

  return (
    <Flex vertical gap={16}>
      <RegionSearch
        key={q}
        q={q}
        level={level}
        onChange={(nextQ, nextLevel) => {
          const next = new URLSearchParams();
          if (nextQ) next.set('q', nextQ);
          if (nextLevel) next.set('level', nextLevel);
          setSearchParams(next, { replace: true });
        }}
      />
      {code ? <RegionDetailView code={code} /> : <RegionRoots />}
    </Flex>
  );
}
