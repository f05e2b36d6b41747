import { Empty } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { EChart } from '../../app/EChart';
import { useI18n } from '../../app/i18n';
import type { AreaFigure } from './api';

// Only the pieces this chart draws, so the lazy chunk stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Problems found by the year's supervisions per 督9 area: found, verified as rectified, overdue. */
export function ProblemsByAreaChart({ areas }: { areas: AreaFigure[] }) {
  const { t, language } = useI18n();
  if (areas.every((area) => area.total === 0)) return <Empty description={t('summaries.chart.empty')} />;
  const series = (['total', 'verified', 'overdue'] as const).map((key) => ({
    name: t(`summaries.chart.${key}`),
    type: 'bar',
    barMaxWidth: 32,
    data: areas.map((area) => area[key]),
    label: { show: true, position: 'top' },
  }));
  const summary = [
    t('summaries.chart'),
    ...areas.map((area) => `${area.title} ${t('summaries.chart.total')} ${area.total}，${t('summaries.chart.verified')} ${area.verified}，${t('summaries.chart.overdue')} ${area.overdue}`),
  ].join(language === 'zh' ? '；' : '; ');
  return (
    <EChart
      style={{ height: 320 }}
      locale={language === 'zh' ? 'ZH' : 'EN'}
      summary={summary}
      option={{
        color: ['#b71c1c', '#2e7d32', '#f4a261'],
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 24, top: 48, bottom: 72 },
        xAxis: {
          type: 'category',
          data: areas.map((area) => area.title),
          axisLabel: { interval: 0, width: 90, overflow: 'break', fontSize: 11 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series,
      }}
    />
  );
}
