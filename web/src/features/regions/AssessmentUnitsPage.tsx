import { Card, Flex, Form, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useAssessmentUnits, type AssessmentUnit, type AssessmentUnitCategory } from './api';

const categoryColors: Record<AssessmentUnitCategory, string> = {
  poverty_task: 'red',
  self_assistance: 'blue',
};

/** 考核单位: the seven units assessed in a year (考2) with their category and towns (R-O2). */
export function AssessmentUnitsPage() {
  const { t, serverLabel } = useI18n();
  const [chosenYear, setChosenYear] = useState<number>();
  // The first answer tells which years exist; the page then shows the latest unless the user chose.
  const initial = useAssessmentUnits(undefined);
  const latestYear = initial.data && initial.data.years.length > 0 ? Math.max(...initial.data.years) : initial.data?.year;
  const year = chosenYear ?? latestYear;
  const forYear = useAssessmentUnits(year === initial.data?.year ? undefined : year);
  const data = forYear.data;

  const columns: TableColumnsType<AssessmentUnit> = [
    { title: t('assessment.name'), dataIndex: 'name', width: 160 },
    {
      title: t('assessment.category'),
      dataIndex: 'category',
      width: 170,
      render: (category: AssessmentUnitCategory, unit) => (
        <Tag color={categoryColors[category]}>{serverLabel(unit.categoryLabel, `assessment.category.${category}`)}</Tag>
      ),
    },
    {
      title: t('assessment.region'),
      dataIndex: 'countyCode',
      width: 120,
      render: (countyCode: string) => <Link to={`/regions/${countyCode}`}>{countyCode}</Link>,
    },
    {
      title: t('assessment.townCount'),
      key: 'townCount',
      width: 90,
      align: 'right',
      render: (_value, unit) => unit.towns.length,
    },
    {
      title: t('assessment.towns'),
      key: 'towns',
      render: (_value, unit) => (
        <Flex wrap gap={4}>
          {unit.towns.map((town) => (
            <Tag key={town.code} style={{ marginInlineEnd: 0 }}>
              <Link to={`/regions/${town.code}`}>{town.name}</Link>
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];

  const years = [...(initial.data?.years ?? [])].sort((a, b) => b - a);
  const error = initial.error ?? forYear.error;

  return (
    <Card
      title={t('nav.assessmentUnits')}
      extra={
        <Form layout="inline">
          <Form.Item label={t('assessment.year')} htmlFor="assessment-year" style={{ marginInlineEnd: 0 }}>
            <Select<number>
              id="assessment-year"
              value={year}
              onChange={setChosenYear}
              loading={initial.isPending}
              style={{ width: 120 }}
              options={years.map((value) => ({ value, label: t('assessment.yearOption', { year: value }) }))}
            />
          </Form.Item>
        </Form>
      }
    >
      {error && (
        <QueryErrorAlert
          error={error}
          onRetry={() => {
            void initial.refetch();
            void forYear.refetch();
          }}
        />
      )}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {data && (
          <Typography.Text type="secondary">
            {t('assessment.summary', { year: data.year, count: data.items.length })}
          </Typography.Text>
        )}
        <Table<AssessmentUnit>
          rowKey="code"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={forYear.isFetching}
          pagination={false}
        />
      </Space>
    </Card>
  );
}
