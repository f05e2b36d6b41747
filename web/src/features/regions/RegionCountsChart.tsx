import { useQueries } from '@tanstack/react-query';
import { Empty } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { EChart } from '../../app/EChart';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { regionDetailQuery, useRegionDetail, useRegionRoots, type Region } from './api';

// Only the pieces this chart draws, so the lazy chunk stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

interface Bar {
  name: string;
  towns: number | null;
  villages: number;
}

/**
 * The counties the user can see: the city's children for city-wide roles, else the visible roots
 * themselves. Town-scoped users see their towns instead.
 */
function useVisibleGroups(): { groups: Region[]; isPending: boolean; error: unknown; retry: () => void } {
  const roots = useRegionRoots();
  const city = roots.data?.items.find((region) => region.level === 'city' || region.level === 'province');
  const cityDetail = useRegionDetail(city?.code);
  const groups = city ? (cityDetail.data?.children ?? []) : (roots.data?.items ?? []);
  return {
    groups,
    isPending: roots.isPending || (Boolean(city) && cityDetail.isPending),
    error: roots.error ?? cityDetail.error,
    retry: () => {
      void roots.refetch();
      if (city) void cityDetail.refetch();
    },
  };
}

/** 各县（区）镇街与村居数量: towns and villages per county within the user's scope. */
export function RegionCountsChart() {
  const { t, language } = useI18n();
  const { groups, isPending, error, retry } = useVisibleGroups();
  const counties = groups.filter((region) => region.level === 'county');
  // Village counts per county need each county's towns (their childCount) — one request per county.
  const countyDetails = useQueries({ queries: counties.map((county) => regionDetailQuery(county.code)) });

  if (error) return <QueryErrorAlert error={error} onRetry={retry} />;
  if (isPending || countyDetails.some((query) => query.isPending)) return <PageSpin />;

  const bars: Bar[] =
    counties.length > 0
      ? counties.map((county, index) => ({
          name: county.name,
          towns: county.childCount,
          villages: (countyDetails[index]?.data?.children ?? []).reduce((sum, town) => sum + town.childCount, 0),
        }))
      : groups
          .filter((region) => region.level === 'town')
          .map((town) => ({ name: town.name, towns: null, villages: town.childCount }));

  if (bars.length === 0) return <Empty description={t('home.chartEmpty')} />;

  const showTowns = bars.some((bar) => bar.towns !== null);
  const series = [
    ...(showTowns
      ? [{ name: t('home.towns'), type: 'bar', barMaxWidth: 48, data: bars.map((bar) => bar.towns ?? 0), label: { show: true, position: 'top' } }]
      : []),
    { name: t('home.villages'), type: 'bar', barMaxWidth: 48, data: bars.map((bar) => bar.villages), label: { show: true, position: 'top' } },
  ];

  const summary = [
    showTowns ? t('home.chartTitle') : t('home.townChartTitle'),
    ...bars.map((bar) =>
      [bar.name, ...(bar.towns !== null ? [`${t('home.towns')} ${bar.towns}`] : []), `${t('home.villages')} ${bar.villages}`].join(' '),
    ),
  ].join(language === 'zh' ? '；' : '; ');

  return (
    <EChart
      style={{ height: 360 }}
      locale={language === 'zh' ? 'ZH' : 'EN'}
      summary={summary}
      option={{
        color: ['#b71c1c', '#f4a261'],
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 24, top: 48, bottom: 32 },
        xAxis: { type: 'category', data: bars.map((bar) => bar.name), axisLabel: { interval: 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series,
      }}
    />
  );
}
