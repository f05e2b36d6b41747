import { init, type EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, type CSSProperties } from 'react';

interface EChartProps {
  /** Built from `echarts/core`; the caller registers the chart types and components it uses. */
  option: EChartsCoreOption;
  locale: 'ZH' | 'EN';
  /** What the chart shows, in words, for screen readers (the canvas itself says nothing). */
  summary: string;
  style?: CSSProperties;
}

/** An ECharts canvas that follows its container's size and is disposed with the component. */
export function EChart({ option, locale, summary, style }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { locale });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  return <div ref={container} role="img" aria-label={summary} style={style} />;
}
