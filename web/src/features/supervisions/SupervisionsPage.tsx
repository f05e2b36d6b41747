import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Modal, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import {
  approvePlan,
  createPlan,
  supervisionKeys,
  useCoverage,
  useDefaultWorkYear,
  useSupervisionPlans,
  useSupervisions,
  type CoverageItem,
  type Supervision,
  type SupervisionPlan,
} from './api';
import { useCurrentUser } from '../auth/currentUser';
import { isOfficeRole } from '../auth/roles';
import { ProposeSupervisionModal } from './ProposeSupervisionModal';
import { SupervisionActions } from './SupervisionActions';

/** 督查计划 (督6, 督8): the year's plan, its supervisions with what the user may do next, and who still lacks a 综合督查. */
export function SupervisionsPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const yearParam = Number(searchParams.get('year'));
  const defaultYear = useDefaultWorkYear();
  const year = Number.isInteger(yearParam) && yearParam >= 2016 && yearParam <= 2100 ? yearParam : (defaultYear ?? new Date().getFullYear());
  const plans = useSupervisionPlans(year);
  const supervisions = useSupervisions(year);
  const coverage = useCoverage(year);
  const plan = plans.data?.items[0];
  const [proposeOpen, setProposeOpen] = useState(false);

  const columns: TableColumnsType<Supervision> = [
    { title: t('supervision.type'), dataIndex: 'typeLabel', width: 110 },
    { title: t('supervision.target'), key: 'target', width: 200, render: (_value, supervision) => supervision.target.name },
    { title: t('supervision.topic'), key: 'topic', render: (_value, supervision) => <Link to={`/supervisions/${supervision.id}`}>{supervision.topic}</Link> },
    {
      title: t('supervision.plannedPeriod'),
      key: 'period',
      width: 210,
      render: (_value, supervision) => (supervision.plannedStart ? `${supervision.plannedStart} ~ ${supervision.plannedEnd ?? ''}` : t('common.none')),
    },
    { title: t('supervision.status'), dataIndex: 'statusLabel', width: 180, render: (label: string) => <Tag>{label}</Tag> },
    { title: t('common.actions'), key: 'actions', width: 260, render: (_value, supervision) => <SupervisionActions supervision={supervision} /> },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('nav.supervisions')}
        extra={
          <Form layout="inline">
            <Form.Item label={t('supervision.year')} htmlFor="supervision-year" style={{ marginInlineEnd: 0 }}>
              <InputNumber
                id="supervision-year"
                min={2016}
                max={2100}
                value={year}
                onChange={(value) => value !== null && setSearchParams({ year: String(value) }, { replace: true })}
              />
            </Form.Item>
          </Form>
        }
      >
        {plans.isError && <QueryErrorAlert error={plans.error} onRetry={() => void plans.refetch()} />}
        {plans.isSuccess && <PlanSummary year={year} plan={plan} />}
      </Card>
      <Card
        title={t('supervision.list')}
        extra={
          plan?.actions.includes('propose') && (
            <Button type="primary" onClick={() => setProposeOpen(true)}>
              {t('supervision.propose')}
            </Button>
          )
        }
      >
        {supervisions.isError && <QueryErrorAlert error={supervisions.error} onRetry={() => void supervisions.refetch()} />}
        <Table<Supervision>
          rowKey="id"
          columns={columns}
          dataSource={supervisions.data?.items ?? []}
          loading={supervisions.isFetching}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      <CoverageCard year={year} />
      {plan && <ProposeSupervisionModal planId={plan.id} targets={coverage.data?.items ?? []} open={proposeOpen} onClose={() => setProposeOpen(false)} />}
    </Flex>
  );
}

function PlanSummary({ year, plan }: { year: number; plan: SupervisionPlan | undefined }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [createOpen, setCreateOpen] = useState(false);
  const [form] = Form.useForm<{ title: string }>();
  const create = useMutation({
    mutationFn: (title: string) => createPlan({ year, title }),
    onSuccess: () => {
      void message.success(t('supervision.plan.created'));
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
      setCreateOpen(false);
    },
  });
  const approve = useMutation({
    mutationFn: (id: number) => approvePlan(id),
    onSuccess: () => {
      void message.success(t('supervision.plan.approved'));
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
    },
    onError: (error) => void message.error(errorText(error)),
  });

  if (!plan) {
    return (
      <Flex gap={16} align="center">
        <Typography.Text type="secondary">{t('supervision.plan.none')}</Typography.Text>
        {isOfficeRole(user.role) && <Button onClick={() => setCreateOpen(true)}>{t('supervision.plan.create')}</Button>}
        <Modal
          open={createOpen}
          title={t('supervision.plan.create')}
          okText={t('common.submit')}
          cancelText={t('common.cancel')}
          confirmLoading={create.isPending}
          onOk={() => form.submit()}
          onCancel={() => setCreateOpen(false)}
          afterClose={() => {
            form.resetFields();
            create.reset();
          }}
        >
          <Form form={form} layout="vertical" name="createSupervisionPlan" initialValues={{ title: `${year}年度脱贫攻坚督查计划` }} onFinish={(values) => create.mutate(values.title.trim())}>
            <Form.Item label={t('supervision.plan.titleField')} name="title" rules={[{ required: true, whitespace: true, message: t('supervision.plan.titleRequired') }]}>
              <Input maxLength={200} />
            </Form.Item>
            {create.isError && <Alert type="error" showIcon title={errorText(create.error)} />}
          </Form>
        </Modal>
      </Flex>
    );
  }
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 3 }}
      items={[
        { key: 'title', label: t('supervision.plan'), children: plan.title },
        { key: 'status', label: t('supervision.status'), children: <Tag color={plan.status === 'approved' ? 'green' : 'gold'}>{plan.statusLabel}</Tag> },
        {
          key: 'actions',
          label: t('common.actions'),
          children: plan.actions.includes('approve') ? (
            <Button size="small" type="primary" loading={approve.isPending} onClick={() => approve.mutate(plan.id)}>
              {t('supervision.plan.approve')}
            </Button>
          ) : (
            t('common.none')
          ),
        },
      ]}
    />
  );
}

function CoverageCard({ year }: { year: number }) {
  const { t } = useI18n();
  const coverage = useCoverage(year);
  const columns: TableColumnsType<CoverageItem> = [
    { title: t('supervision.coverage.kind'), key: 'kind', width: 140, render: (_value, item) => item.assistanceCategory ?? t(`supervision.targetKind.${item.kind}`) },
    { title: t('supervision.coverage.name'), dataIndex: 'name' },
    { title: t('supervision.coverage.count'), dataIndex: 'comprehensiveCount', width: 140 },
    {
      title: t('supervision.coverage.state'),
      key: 'state',
      width: 120,
      render: (_value, item) =>
        item.isCovered ? <Tag color="green">{t('supervision.coverage.covered')}</Tag> : <Tag color="red">{t('supervision.coverage.notCovered')}</Tag>,
    },
  ];
  const data = coverage.data;
  return (
    <Card title={t('supervision.coverage')}>
      <Flex vertical gap={12}>
        {data && <Typography.Text type="secondary">{t('supervision.coverage.hint', { times: data.requiredPerYear })}</Typography.Text>}
        {coverage.isError && <QueryErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} />}
        {data && (
          <Alert
            type={data.notCovered.length === 0 ? 'success' : 'warning'}
            showIcon
            title={t('supervision.coverage.summary', { covered: data.coveredCount, total: data.total, missing: data.notCovered.length })}
          />
        )}
        <Table<CoverageItem>
          rowKey={(item) => item.assessmentUnitCode ?? `unit-${item.unitId}`}
          columns={columns}
          dataSource={data?.items ?? []}
          loading={coverage.isFetching}
          pagination={{ pageSize: 50, showTotal: (total) => t('common.total', { total }) }}
          onRow={(item) => (item.isCovered ? {} : { style: { background: '#fff1f0' } })}
        />
      </Flex>
    </Card>
  );
}
