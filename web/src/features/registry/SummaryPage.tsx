import { Alert, Card, Empty, Flex, Form, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { EChart } from '../../app/EChart';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useRegistrySummary, type UnitIndicators, type IndicatorBasis } from './api';
import { formatCount, formatMoney, formatShare } from './format';
import { useRegistryYear, YearSelect } from './YearSelect';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Which data the figures come from: the frozen 31 December snapshot (with its hash) or the live registry's history. */
function BasisNote({ basis }: { basis: IndicatorBasis }) {
  const { t } = useI18n();
  if (basis.kind === 'live') {
    return <Alert type="warning" showIcon title={t('registry.summary.basis.live', { asOf: basis.asOf })} description={t('registry.summary.basis.liveHint')} />;
  }
  return (
    <Alert
      type="success"
      showIcon
      title={
        <Typography.Text copyable={{ text: basis.hash }}>
          {t('registry.summary.basis.snapshot', { asOf: basis.asOf, hash: `${basis.hash.slice(0, 12)}…` })}
        </Typography.Text>
      }
      description={t('registry.summary.basis.snapshotHint', { id: basis.snapshotId, takenAt: formatDateTime(basis.takenAt) })}
    />
  );
}

/** 指标概览: the registry indicators of a year per assessment unit (考2), as a table and a bar chart. */
export function SummaryPage() {
  const { t, language } = useI18n();
  const { year, setYear } = useRegistryYear();
  const summary = useRegistrySummary(year);
  const items = useMemo(() => (year === undefined ? [] : (summary.data?.items ?? [])), [summary.data, year]);
  const shownYear = summary.data?.year ?? year;

  const totals = useMemo(
    () =>
      items.reduce(
        (sum, row) => ({
          poorHouseholds: sum.poorHouseholds + row.poorHouseholds,
          poorPeople: sum.poorPeople + row.poorPeople,
          exits: sum.exits + row.exits,
          exitsFailingCriteria: sum.exitsFailingCriteria + row.exitsFailingCriteria,
        }),
        { poorHouseholds: 0, poorPeople: 0, exits: 0, exitsFailingCriteria: 0 },
      ),
    [items],
  );

  const listLink = (unitCode: string, extra: Record<string, string>) =>
    `/registry/households?${new URLSearchParams({ unitCode, ...extra }).toString()}`;

  const columns: TableColumnsType<UnitIndicators> = [
    { title: t('registry.summary.unit'), dataIndex: 'unitName' },
    {
      title: t('registry.summary.poorHouseholds'),
      dataIndex: 'poorHouseholds',
      align: 'right',
      render: formatCount,
    },
    { title: t('registry.summary.poorPeople'), dataIndex: 'poorPeople', align: 'right', render: formatCount },
    {
      title: t('registry.summary.exits'),
      dataIndex: 'exits',
      align: 'right',
      render: (value: number, row) => (
        <Link to={listLink(row.unitCode, { status: 'exited', exitYear: String(shownYear ?? '') })}>{formatCount(value)}</Link>
      ),
    },
    {
      title: t('registry.summary.exitsFailingCriteria'),
      dataIndex: 'exitsFailingCriteria',
      align: 'right',
      render: (value: number) => (value > 0 ? <Tag color="error">{formatCount(value)}</Tag> : formatCount(value)),
    },
    {
      title: t('registry.summary.meanIncome'),
      dataIndex: 'meanIncome',
      align: 'right',
      render: (value: number | null) => (value === null ? t('common.none') : formatMoney(value)),
    },
    {
      title: t('registry.summary.incomeGrowth'),
      dataIndex: 'incomeGrowth',
      align: 'right',
      render: (value: number | null) => (value === null ? t('common.none') : formatShare(value)),
    },
  ];

  const option = useMemo(() => {
    const names = [t('registry.summary.poorHouseholds'), t('registry.summary.exits'), t('registry.summary.exitsFailingCriteria')];
    const values = (row: UnitIndicators) => [row.poorHouseholds, row.exits, row.exitsFailingCriteria];
    return {
      color: ['#f4a261', '#2a9d8f', '#b71c1c'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: items.map((row) => row.unitName), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: names.map((name, index) => ({
        name,
        type: 'bar',
        barMaxWidth: 36,
        data: items.map((row) => values(row)[index]),
        label: { show: true, position: 'top' },
      })),
    };
  }, [items, t]);

  const chartTitle = t('registry.summary.chart', { year: shownYear ?? '' });
  const summaryText = [
    chartTitle,
    ...items.map((row) =>
      [
        row.unitName,
        `${t('registry.summary.poorHouseholds')} ${row.poorHouseholds}`,
        `${t('registry.summary.exits')} ${row.exits}`,
        `${t('registry.summary.exitsFailingCriteria')} ${row.exitsFailingCriteria}`,
      ].join(' '),
    ),
  ].join(language === 'zh' ? '；' : '; ');

  const isEmpty = items.length === 0 || items.every((row) => row.poorHouseholds === 0 && row.exits === 0 && row.meanIncome === null);

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('registry.summary.title')}
        extra={
          <Form layout="inline">
            <Form.Item label={t('registry.year')} htmlFor="summary-year" style={{ marginInlineEnd: 0 }}>
              <YearSelect id="summary-year" year={shownYear} onChange={setYear} />
            </Form.Item>
          </Form>
        }
      >
        {summary.isError && <QueryErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
        {year === undefined || (summary.isPending && !summary.isError) ? (
          <PageSpin />
        ) : (
          <Flex vertical gap={8}>
            {summary.data?.basis && <BasisNote basis={summary.data.basis} />}
            <Table<UnitIndicators>
              rowKey="unitCode"
              size="small"
              columns={columns}
              dataSource={items}
              loading={summary.isFetching}
              pagination={false}
              scroll={{ x: 900 }}
              summary={() =>
                items.length > 1 ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t('registry.summary.total')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {formatCount(totals.poorHouseholds)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {formatCount(totals.poorPeople)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      {formatCount(totals.exits)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      {formatCount(totals.exitsFailingCriteria)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} />
                    <Table.Summary.Cell index={6} />
                  </Table.Summary.Row>
                ) : null
              }
            />
            <Typography.Text type="secondary">{t('registry.summary.failingHint')}</Typography.Text>
          </Flex>
        )}
      </Card>
      <Card title={chartTitle}>
        {isEmpty ? (
          <Empty description={t('registry.summary.empty')} />
        ) : (
          <EChart style={{ height: 380 }} locale={language === 'zh' ? 'ZH' : 'EN'} summary={summaryText} option={option} />
        )}
      </Card>
    </Flex>
  );
}
