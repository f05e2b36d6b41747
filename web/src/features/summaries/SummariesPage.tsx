import { Card, Form, InputNumber, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useDefaultWorkYear } from '../supervisions/api';
import { CommendationsTab } from './CommendationsTab';
import { SummaryTab } from './SummaryTab';

type TabKey = 'commendations' | 'summary';

/** 督查总结与表扬 (督11): the office's commendations and model cases, and its yearly summary to 市委、市政府. */
export function SummariesPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const yearParam = Number(searchParams.get('year'));
  const defaultYear = useDefaultWorkYear();
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : (defaultYear ?? new Date().getFullYear());
  const tab: TabKey = searchParams.get('tab') === 'summary' ? 'summary' : 'commendations';
  const update = (changes: { year?: number; tab?: TabKey }) =>
    setSearchParams({ year: String(changes.year ?? year), tab: changes.tab ?? tab }, { replace: true });

  return (
    <Card
      title={t('nav.summaries')}
      extra={
        <Form layout="inline">
          <Form.Item label={t('summaries.year')} htmlFor="summaries-year" style={{ marginInlineEnd: 0 }}>
            <InputNumber id="summaries-year" min={2000} max={2100} value={year} onChange={(value) => value !== null && update({ year: value })} />
          </Form.Item>
        </Form>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key as TabKey })}
        items={[
          { key: 'commendations', label: t('summaries.tab.commendations'), children: <CommendationsTab year={year} /> },
          { key: 'summary', label: t('summaries.tab.summary'), children: <SummaryTab year={year} /> },
        ]}
      />
    </Card>
  );
}
