import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Select, Table, Tooltip, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { downloadCsv, toCsv } from '../../app/csv';
import { todayStamp } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useCurrentUser } from '../auth/currentUser';
import { useAssessmentUnits } from '../regions/api';
import {
  householdStatuses,
  povertyCauses,
  registryYears,
  signalKinds,
  useHouseholds,
  type HouseholdFilter,
  type HouseholdRow,
  type HouseholdStatus,
  type PovertyCause,
  type SignalKind,
} from './api';
import { formatMoney, HouseholdStatusTag, useRegistryLabels } from './format';

const pageSizes = [20, 50, 100, 200];

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function pick<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** The filters live in the address, so a filtered list can be shared and survives going back from a household. */
function readFilter(searchParams: URLSearchParams): HouseholdFilter {
  const pageSize = positiveInt(searchParams.get('pageSize'), 20);
  const exitYear = Number(searchParams.get('exitYear'));
  const countyCode = searchParams.get('countyCode') ?? '';
  const unitCode = searchParams.get('unitCode') ?? '';
  const status = pick(householdStatuses, searchParams.get('status'));
  const cause = pick(povertyCauses, searchParams.get('cause'));
  const flag = pick(signalKinds, searchParams.get('flag'));
  return {
    q: searchParams.get('q') ?? '',
    ...(/^\d{6}$/.test(countyCode) ? { countyCode } : {}),
    ...(/^[A-Z]{2,8}$/.test(unitCode) ? { unitCode } : {}),
    ...(status ? { status } : {}),
    ...(cause ? { cause } : {}),
    ...(Number.isInteger(exitYear) && exitYear >= 2000 && exitYear <= 2100 ? { exitYear } : {}),
    ...(flag ? { flag } : {}),
    page: positiveInt(searchParams.get('page'), 1),
    pageSize: pageSizes.includes(pageSize) ? pageSize : 20,
  };
}

function writeFilter(filter: HouseholdFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.countyCode) params.set('countyCode', filter.countyCode);
  if (filter.unitCode) params.set('unitCode', filter.unitCode);
  if (filter.status) params.set('status', filter.status);
  if (filter.cause) params.set('cause', filter.cause);
  if (filter.exitYear) params.set('exitYear', String(filter.exitYear));
  if (filter.flag) params.set('flag', filter.flag);
  if (filter.page > 1) params.set('page', String(filter.page));
  if (filter.pageSize !== 20) params.set('pageSize', String(filter.pageSize));
  return params;
}

/** 贫困户: the registered poor households in scope, filtered and paged by the server; a row opens the household. */
export function HouseholdsPage() {
  const { t, serverLabel } = useI18n();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readFilter(searchParams);
  const [draft, setDraft] = useState(filter.q);
  const households = useHouseholds(filter);
  const labels = useRegistryLabels();
  // City-wide users filter by assessment unit (考2); everyone else sees only their own scope, so the choice would be empty.
  const user = useCurrentUser();
  const assessmentUnits = useAssessmentUnits(undefined);
  const units = user.scope.kind === 'city' ? (assessmentUnits.data?.items ?? []) : [];
  const search = searchParams.toString() ? `?${searchParams.toString()}` : '';
  const items = households.data?.items ?? [];

  const updateFilter = (change: Partial<HouseholdFilter>) => {
    // Any change other than paging starts again from the first page.
    setSearchParams(writeFilter({ ...filter, page: 1, ...change }), { replace: true });
  };

  const onTableChange = (pagination: TablePaginationConfig) => {
    const pageSize = pagination.pageSize ?? filter.pageSize;
    updateFilter({ pageSize, page: pageSize === filter.pageSize ? (pagination.current ?? 1) : 1 });
  };

  const householdPath = (id: number) => `/registry/households/${id}`;

  const columns: TableColumnsType<HouseholdRow> = [
    {
      title: t('registry.householdNo'),
      dataIndex: 'householdNo',
      width: 180,
      render: (householdNo: string, row) => (
        <Link to={householdPath(row.id)} state={{ from: search }} onClick={(event) => event.stopPropagation()}>
          {householdNo}
        </Link>
      ),
    },
    { title: t('registry.headName'), dataIndex: 'headName', width: 100 },
    { title: t('registry.place'), dataIndex: 'place' },
    {
      title: t('registry.attribute'),
      dataIndex: 'attribute',
      width: 140,
      render: (_attribute: string, row) => labels.attribute(row.attributeLabel),
    },
    {
      title: t('registry.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: HouseholdStatus, row) => <HouseholdStatusTag status={status} label={row.statusLabel} />,
    },
    { title: t('registry.exitYear'), dataIndex: 'exitYear', width: 90, render: (year: number | null) => year ?? t('common.none') },
    {
      title: t('registry.mainCause'),
      dataIndex: 'mainCause',
      width: 110,
      render: (cause: PovertyCause, row) => serverLabel(row.mainCauseLabel, `registry.cause.${cause}`),
    },
    { title: t('registry.memberCount'), dataIndex: 'memberCount', width: 90, align: 'right' },
    {
      title: t('registry.perCapitaIncome'),
      dataIndex: 'perCapitaIncome',
      width: 140,
      align: 'right',
      render: (income: number | null, row) => (income === null ? t('common.none') : t('registry.list.incomeWithYear', { income: formatMoney(income), year: row.incomeYear ?? '' })),
    },
  ];

  const exportCsv = () => {
    const header = [
      t('registry.householdNo'),
      t('registry.headName'),
      t('registry.place'),
      t('registry.attribute'),
      t('registry.status'),
      t('registry.exitYear'),
      t('registry.mainCause'),
      t('registry.memberCount'),
      t('registry.perCapitaIncome'),
      t('registry.incomeYear'),
    ];
    const rows = items.map((row) => [
      row.householdNo,
      row.headName,
      row.place,
      labels.attribute(row.attributeLabel),
      serverLabel(row.statusLabel, `registry.status.${row.status}`),
      row.exitYear,
      serverLabel(row.mainCauseLabel, `registry.cause.${row.mainCause}`),
      row.memberCount,
      row.perCapitaIncome,
      row.incomeYear,
    ]);
    downloadCsv(`${t('registry.list.exportFileName')}-${todayStamp()}-p${filter.page}.csv`, toCsv([header, ...rows]));
  };

  const hasFilter = Boolean(filter.q || filter.countyCode || filter.status || filter.cause || filter.exitYear || filter.flag);

  return (
    <Card
      title={t('nav.registry.households')}
      extra={
        <Button onClick={exportCsv} disabled={items.length === 0}>
          {t('registry.list.export')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Form layout="inline" style={{ rowGap: 8 }} onSubmitCapture={(event) => event.preventDefault()}>
          <Form.Item label={t('registry.list.search')} htmlFor="registry-q">
            <Input.Search
              id="registry-q"
              value={draft}
              maxLength={40}
              onChange={(event) => setDraft(event.target.value)}
              onSearch={(value) => updateFilter({ q: value.trim() })}
              placeholder={t('registry.list.searchPlaceholder')}
              enterButton={t('common.search')}
              allowClear
              style={{ width: 300 }}
            />
          </Form.Item>
          {units.length > 0 && (
            <Form.Item label={t('registry.list.unit')} htmlFor="registry-unit">
              <Select<string | undefined>
                id="registry-unit"
                value={filter.unitCode}
                // A county code from an older link gives way to the unit chosen here.
                onChange={(unitCode) => updateFilter({ unitCode, countyCode: undefined })}
                allowClear
                placeholder={t('registry.list.allUnits')}
                style={{ width: 150 }}
                options={units.map((unit) => ({ value: unit.code, label: unit.name }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('registry.list.status')} htmlFor="registry-status">
            <Select<HouseholdStatus | undefined>
              id="registry-status"
              value={filter.status}
              onChange={(status) => updateFilter({ status })}
              allowClear
              placeholder={t('common.all')}
              style={{ width: 150 }}
              options={householdStatuses.map((status) => ({ value: status, label: t(`registry.status.${status}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('registry.list.cause')} htmlFor="registry-cause">
            <Select<PovertyCause | undefined>
              id="registry-cause"
              value={filter.cause}
              onChange={(cause) => updateFilter({ cause })}
              allowClear
              placeholder={t('common.all')}
              style={{ width: 140 }}
              options={povertyCauses.map((cause) => ({ value: cause, label: t(`registry.cause.${cause}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('registry.list.exitYear')} htmlFor="registry-exit-year">
            <Select<number | undefined>
              id="registry-exit-year"
              value={filter.exitYear}
              onChange={(exitYear) => updateFilter({ exitYear })}
              allowClear
              placeholder={t('common.all')}
              style={{ width: 120 }}
              options={registryYears.map((year) => ({ value: year, label: t('registry.yearOption', { year }) }))}
            />
          </Form.Item>
          <Form.Item
            label={
              <Tooltip title={t('registry.list.flagHint')}>
                <span>
                  {t('registry.list.flag')} <QuestionCircleOutlined aria-label={t('registry.list.flagHint')} />
                </span>
              </Tooltip>
            }
            htmlFor="registry-flag"
          >
            <Select<SignalKind | undefined>
              id="registry-flag"
              value={filter.flag}
              onChange={(flag) => updateFilter({ flag })}
              allowClear
              placeholder={t('common.all')}
              style={{ width: 260 }}
              popupMatchSelectWidth={false}
              options={signalKinds.map((kind) => ({ value: kind, label: t(`registry.signal.${kind}`) }))}
            />
          </Form.Item>
          {hasFilter && (
            <Form.Item>
              <Button
                type="link"
                onClick={() => {
                  setDraft('');
                  setSearchParams(writeFilter({ q: '', page: 1, pageSize: filter.pageSize }), { replace: true });
                }}
              >
                {t('registry.list.reset')}
              </Button>
            </Form.Item>
          )}
        </Form>
        {households.isError && <QueryErrorAlert error={households.error} onRetry={() => void households.refetch()} />}
        <Table<HouseholdRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={households.isFetching}
          onChange={onTableChange}
          scroll={{ x: 1100 }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: households.data?.total ?? 0,
            pageSizeOptions: pageSizes,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onRow={(row) => ({
            onClick: () => void navigate(householdPath(row.id), { state: { from: search } }),
            style: { cursor: 'pointer' },
          })}
        />
      </Flex>
    </Card>
  );
}
