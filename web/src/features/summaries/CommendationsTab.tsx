import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { downloadCsv, toCsv } from '../../app/csv';
import { useErrorText } from '../../app/errorText';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useCurrentUser } from '../auth/currentUser';
import { isOfficeRole } from '../auth/roles';
import {
  commendationKinds,
  commendationStatuses,
  decideCommendation,
  summaryKeys,
  useCommendations,
  type Commendation,
  type CommendationAction,
  type CommendationKind,
  type CommendationStatus,
} from './api';
import { ProposeCommendationModal } from './ProposeCommendationModal';

const statusColors: Record<CommendationStatus, string> = { proposed: 'gold', approved: 'green', rejected: 'default' };

/** 表扬与先进典型: the year's commendations and model cases with filters, CSV export, proposals and the office head's decisions. */
export function CommendationsTab({ year }: { year: number }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [kind, setKind] = useState<CommendationKind | undefined>(undefined);
  const [status, setStatus] = useState<CommendationStatus | undefined>(undefined);
  const [proposeOpen, setProposeOpen] = useState(false);
  const [deciding, setDeciding] = useState<{ commendation: Commendation; action: CommendationAction } | null>(null);
  const commendations = useCommendations({ year, ...(kind ? { kind } : {}), ...(status ? { status } : {}) });
  const items = commendations.data?.items ?? [];

  const columns: TableColumnsType<Commendation> = [
    { title: t('summaries.kind'), dataIndex: 'kindLabel', width: 100, render: (label: string, item) => <Tag color={item.kind === 'model_case' ? 'blue' : 'red'}>{label}</Tag> },
    { title: t('summaries.subject'), key: 'subject', width: 200, render: (_value, item) => item.subject.name },
    { title: t('summaries.title'), dataIndex: 'title', width: 200 },
    { title: t('summaries.description'), dataIndex: 'description', ellipsis: true },
    { title: t('summaries.status'), dataIndex: 'statusLabel', width: 150, render: (label: string, item) => <Tag color={statusColors[item.status]}>{label}</Tag> },
    { title: t('summaries.decision'), dataIndex: 'decisionNote', width: 160, render: (note: string | null) => note ?? t('common.none') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_value, item) => (
        <Space size="small" wrap>
          {item.actions.map((action) => (
            <Button key={action} size="small" type={action === 'approve' ? 'primary' : 'default'} onClick={() => setDeciding({ commendation: item, action })}>
              {t(`summaries.action.${action}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  const exportCsv = () => {
    const header = [t('summaries.year'), t('summaries.kind'), t('summaries.subject'), t('summaries.title'), t('summaries.description'), t('summaries.status'), t('summaries.proposedBy'), t('summaries.decision')];
    const rows = items.map((item) => [item.year, item.kindLabel, item.subject.name, item.title, item.description, item.statusLabel, item.proposedByName, item.decisionNote ?? '']);
    downloadCsv(`${t('summaries.exportFileName')}-${year}.csv`, toCsv([header, ...rows]));
  };

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap justify="space-between">
        <Space wrap>
          <Select<CommendationKind | undefined>
            aria-label={t('summaries.kind')}
            style={{ width: 160 }}
            allowClear
            placeholder={t('summaries.kind')}
            value={kind}
            onChange={setKind}
            options={commendationKinds.map((value) => ({ value, label: t(`summaries.kind.${value}`) }))}
          />
          <Select<CommendationStatus | undefined>
            aria-label={t('summaries.status')}
            style={{ width: 160 }}
            allowClear
            placeholder={t('summaries.status')}
            value={status}
            onChange={setStatus}
            options={commendationStatuses.map((value) => ({ value, label: t(`summaries.status.${value}`) }))}
          />
        </Space>
        <Space wrap>
          <Button onClick={exportCsv} disabled={items.length === 0}>
            {t('summaries.export')}
          </Button>
          {isOfficeRole(user.role) && (
            <Button type="primary" onClick={() => setProposeOpen(true)}>
              {t('summaries.propose')}
            </Button>
          )}
        </Space>
      </Flex>
      {commendations.isError && <QueryErrorAlert error={commendations.error} onRetry={() => void commendations.refetch()} />}
      <Table<Commendation>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={commendations.isFetching}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        expandable={{
          expandedRowRender: (item) => (
            <Flex vertical gap={4}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{item.description}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('summaries.proposedBy')}：{item.proposedByName} {formatDateTime(item.createdAt)}
                {item.supervisionTopic ? `；${t('summaries.supervision')}：${item.supervisionTopic}` : ''}
                {item.decidedByName ? `；${t('summaries.decided')}：${item.decidedByName} ${formatDateTime(item.decidedAt)}` : ''}
              </Typography.Text>
            </Flex>
          ),
        }}
      />
      <ProposeCommendationModal year={year} open={proposeOpen} onClose={() => setProposeOpen(false)} />
      <DecisionModal deciding={deciding} onClose={() => setDeciding(null)} />
    </Flex>
  );
}

/** The office head's decision on a proposal, with a note (required when rejecting). */
function DecisionModal({ deciding, onClose }: { deciding: { commendation: Commendation; action: CommendationAction } | null; onClose: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useMutation({
    mutationFn: ({ id, action, note }: { id: number; action: CommendationAction; note: string | undefined }) => decideCommendation(id, action, note),
    onSuccess: () => {
      void message.success(t('summaries.decided'));
      void queryClient.invalidateQueries({ queryKey: summaryKeys.all });
      onClose();
    },
  });
  const action = deciding?.action;
  return (
    <Modal
      open={deciding !== null}
      title={deciding ? `${t(`summaries.action.${deciding.action}`)}：${deciding.commendation.subject.name}（${deciding.commendation.title}）` : ''}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        decide.reset();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        name="decideCommendation"
        onFinish={(values) => deciding && decide.mutate({ id: deciding.commendation.id, action: deciding.action, note: values.note?.trim() || undefined })}
      >
        <Form.Item
          label={t('summaries.note')}
          name="note"
          rules={action === 'reject' ? [{ required: true, whitespace: true, message: t('summaries.noteRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {decide.isError && <Alert type="error" showIcon title={errorText(decide.error)} />}
      </Form>
    </Modal>
  );
}
