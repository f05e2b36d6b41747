import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Form, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { EChart } from '../../app/EChart';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { signalExportUrl, signalPageSize, useDefaultRegistryYear, useSignalPage, useSignals, type SignalDetector, type SignalKind } from './api';
import { describeSignalEvidence, formatCount, formatMoney, formatShare } from './format';
import { useRegistryYear, YearSelect } from './YearSelect';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type FlaggedHousehold = SignalDetector['items'][number];

// These detectors only flag households that exited in the year, so the list can narrow by exit year.
const exitYearBound: readonly SignalKind[] = ['exits_bunched_before_cutoff', 'income_just_above_line'];

function DetectorCard({ detector, year, listLink }: { detector: SignalDetector; year: number; listLink: string | null }) {
  const { t, serverLabel } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: signalPageSize });
  const offset = (paging.page - 1) * paging.pageSize;
  // The overview carries the first page; any other page is asked of the server.
  const isFirstPage = offset === 0 && paging.pageSize === signalPageSize;
  const page = useSignalPage(year, detector.kind, offset, paging.pageSize, !isFirstPage && detector.total > 0);
  const items = isFirstPage ? detector.items : (page.data?.detectors.find((candidate) => candidate.kind === detector.kind)?.items ?? []);
  const label = serverLabel(detector.label, `registry.signal.${detector.kind}`);
  const columns: TableColumnsType<FlaggedHousehold> = [
    {
      title: t('registry.householdNo'),
      dataIndex: 'householdNo',
      width: 180,
      render: (householdNo: string, row) => <Link to={`/registry/households/${row.householdId}`}>{householdNo}</Link>,
    },
    { title: t('registry.headName'), dataIndex: 'headName', width: 90 },
    { title: t('registry.signals.county'), dataIndex: 'countyName', width: 90 },
    {
      title: t('registry.signals.evidence'),
      dataIndex: 'evidence',
      render: (_evidence, row) => describeSignalEvidence(detector.kind, row.evidence, t),
    },
  ];
  return (
    <Card
      title={label}
      extra={
        detector.total > 0 && (
          <Space size="middle">
            {listLink && <Link to={listLink}>{t('registry.signals.viewInList')}</Link>}
            <Button size="small" icon={<DownloadOutlined aria-hidden />} href={signalExportUrl(year, detector.kind)}>
              {t('registry.signals.export')}
            </Button>
          </Space>
        )
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={32} wrap align="center">
          <Statistic
            title={t('registry.signals.flagged')}
            value={detector.total}
            styles={{ content: { color: detector.total > 0 ? '#b71c1c' : undefined } }}
          />
          <Typography.Text type="secondary" style={{ flex: 1, minWidth: 240 }}>
            {t('registry.flags.basisLine', { basis: detector.basis })}
          </Typography.Text>
        </Flex>
        {detector.total === 0 ? (
          <Typography.Text type="secondary">{t('registry.signals.none')}</Typography.Text>
        ) : (
          <>
            {page.isError && <QueryErrorAlert error={page.error} onRetry={() => void page.refetch()} />}
            <Table<FlaggedHousehold>
              rowKey="householdId"
              size="small"
              columns={columns}
              dataSource={items}
              loading={!isFirstPage && page.isFetching}
              pagination={{
                current: paging.page,
                pageSize: paging.pageSize,
                total: detector.total,
                showSizeChanger: true,
                pageSizeOptions: [10, 20, 50, 100],
                showTotal: (total) => t('common.total', { total }),
                hideOnSinglePage: detector.total <= signalPageSize,
                onChange: (nextPage, nextPageSize) => setPaging({ page: nextPageSize === paging.pageSize ? nextPage : 1, pageSize: nextPageSize }),
              }}
              scroll={{ x: 800 }}
              aria-label={`${label} ${year}`}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}

function Parameters({ parameters: p }: { parameters: Record<string, number | undefined> }) {
  const { t } = useI18n();
  const value = (key: string) => (p[key] === undefined ? '?' : String(p[key]));
  const share = (key: string) => (p[key] === undefined ? '?' : formatShare(p[key]));
  const lines = [
    t('registry.param.late', { days: value('lateWindowDays'), minimum: value('lateMinimum'), share: share('lateShare') }),
    t('registry.param.margin', { margin: share('incomeMargin') }),
    t('registry.param.grace', { days: value('graceDays') }),
    t('registry.param.quickReturn', { days: value('quickReturnDays') }),
    t('registry.param.operator', { minimum: value('operatorDailyMinimum'), multiple: value('operatorMedianMultiple') }),
  ];
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Text strong>{t('registry.signals.parameters')}</Typography.Text>
      <ul style={{ paddingInlineStart: 20, marginTop: 8, marginBottom: 0 }}>
        {lines.map((line) => (
          <li key={line}>
            <Typography.Text type="secondary">{line}</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 数字脱贫信号: per detector, its basis, how many households it flags and the evidence for each. */
export function SignalsPage() {
  const { t, language, serverLabel } = useI18n();
  const { year, setYear } = useRegistryYear();
  const { serverYear } = useDefaultRegistryYear();
  const signals = useSignals(year);
  const report = year === undefined ? undefined : signals.data;
  const detectors = useMemo(() => report?.detectors ?? [], [report]);
  const shownYear = report?.year ?? year;

  const option = useMemo(() => {
    // Horizontal bars, first detector on top.
    const ordered = [...detectors].reverse();
    return {
      color: ['#b71c1c'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 16, right: 48, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ordered.map((detector) => serverLabel(detector.label, `registry.signal.${detector.kind}`)) },
      series: [{ type: 'bar', barMaxWidth: 28, data: ordered.map((detector) => detector.total), label: { show: true, position: 'right' } }],
    };
  }, [detectors, serverLabel]);

  const listLink = (kind: SignalKind): string | null => {
    if (shownYear === undefined) return null;
    if (exitYearBound.includes(kind)) return `/registry/households?${new URLSearchParams({ flag: kind, exitYear: String(shownYear) }).toString()}`;
    // Without an exit year the list computes the signal for the server's default year.
    return shownYear === serverYear ? `/registry/households?${new URLSearchParams({ flag: kind }).toString()}` : null;
  };

  const chartSummary = [
    t('registry.signals.chart'),
    ...detectors.map((detector) => `${serverLabel(detector.label, `registry.signal.${detector.kind}`)} ${detector.total}`),
  ].join(language === 'zh' ? '；' : '; ');

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('registry.signals.title', { year: shownYear ?? '' })}
        extra={
          <Form layout="inline">
            <Form.Item label={t('registry.year')} htmlFor="signals-year" style={{ marginInlineEnd: 0 }}>
              <YearSelect id="signals-year" year={shownYear} onChange={setYear} />
            </Form.Item>
          </Form>
        }
      >
        {signals.isError && <QueryErrorAlert error={signals.error} onRetry={() => void signals.refetch()} />}
        {year === undefined || signals.isPending ? (
          signals.isError ? null : <PageSpin />
        ) : (
          <Row gutter={[24, 16]}>
            <Col xs={24} lg={16}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('registry.signals.chart')}
              </Typography.Title>
              {detectors.length === 0 ? (
                <Empty />
              ) : (
                <EChart style={{ height: 300 }} locale={language === 'zh' ? 'ZH' : 'EN'} summary={chartSummary} option={option} />
              )}
            </Col>
            <Col xs={24} lg={8}>
              {report && (
                <Alert
                  type="info"
                  showIcon
                  title={t('registry.signals.exitLine', { line: formatMoney(report.parameters.exitIncomeLine) })}
                  description={
                    <Typography.Text type="secondary">
                      {t('registry.signals.sum', { total: formatCount(detectors.reduce((sum, detector) => sum + detector.total, 0)) })}
                    </Typography.Text>
                  }
                />
              )}
              {report && <Parameters parameters={report.parameters} />}
            </Col>
          </Row>
        )}
      </Card>
      {shownYear !== undefined &&
        detectors.map((detector) => (
          <DetectorCard key={`${shownYear}-${detector.kind}`} detector={detector} year={shownYear} listLink={listLink(detector.kind)} />
        ))}
    </Flex>
  );
}
