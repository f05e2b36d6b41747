import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Flex, Form, Input, List, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useErrorText } from '../../app/errorText';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useCurrentUser } from '../auth/currentUser';
import { IssuedDocuments } from '../documents/IssuedDocuments';
import { actOnTransfer, transferKeys, transferStatuses, useTransfers, type Transfer, type TransferAction, type TransferStatus } from './api';

const statusColors: Record<TransferStatus, string> = { sent: 'gold', received: 'blue', accepted: 'processing', filed: 'purple', concluded: 'success' };

function TransferActions({ transfer }: { transfer: Transfer }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<TransferAction | null>(null);
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: ({ action, text }: { action: TransferAction; text?: string }) => actOnTransfer(transfer.id, action, text),
    onSuccess: () => {
      void message.success(t('transfer.done'));
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: transferKeys.all });
    },
  });
  if (transfer.actions.length === 0) return null;
  return (
    <>
      <Space size="small" wrap>
        {transfer.actions.map((action) => (
          <Button
            key={action}
            size="small"
            type={action === 'acknowledge' ? 'primary' : 'default'}
            loading={act.isPending && act.variables.action === action}
            onClick={(event) => {
              event.stopPropagation();
              act.reset();
              if (action === 'acknowledge') act.mutate({ action });
              else {
                setNote('');
                setPending(action);
              }
            }}
          >
            {t(`transfer.action.${action}`)}
          </Button>
        ))}
      </Space>
      {act.isError && pending === null && <Alert type="error" showIcon title={errorText(act.error)} />}
      <Modal
        open={pending !== null}
        title={pending && t(`transfer.action.${pending}`)}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: note.trim().length === 0 }}
        confirmLoading={act.isPending}
        onOk={() => pending && act.mutate({ action: pending, text: note.trim() })}
        onCancel={() => setPending(null)}
      >
        <Form layout="vertical">
          <Form.Item label={t('transfer.note')} htmlFor={`transfer-note-${transfer.id}`} required>
            <Input.TextArea id={`transfer-note-${transfer.id}`} rows={3} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
          </Form.Item>
          {act.isError && <Alert type="error" showIcon title={errorText(act.error)} />}
        </Form>
      </Modal>
    </>
  );
}

function TransferDetail({ transfer }: { transfer: Transfer }) {
  const { t } = useI18n();
  const none = t('common.none');
  const evidence = transfer.evidence;
  const progress = [
    transfer.receivedAt && `${t('transfer.status.received')} ${formatDateTime(transfer.receivedAt)}`,
    transfer.acceptedAt && `${t('transfer.status.accepted')} ${formatDateTime(transfer.acceptedAt)}：${transfer.acceptedNote ?? ''}`,
    transfer.filedAt && `${t('transfer.status.filed')} ${formatDateTime(transfer.filedAt)}：${transfer.filedNote ?? ''}`,
    transfer.concludedAt && `${t('transfer.status.concluded')} ${formatDateTime(transfer.concludedAt)}：${transfer.concludedNote ?? ''}`,
  ].filter((line): line is string => Boolean(line));
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'body', label: t('transfer.recipientBody'), children: `${transfer.recipientBodyLabel}（${transfer.recipientName}）` },
          { key: 'summary', label: t('transfer.summary'), children: transfer.summary },
          { key: 'problem', label: t('transfer.problem'), children: `${evidence.problem.description}（${evidence.problem.category}）` },
          { key: 'problemEvidence', label: t('transfer.evidence'), children: evidence.problem.evidence || none },
          ...(evidence.inspection ? [{ key: 'inspection', label: t('nav.inspections'), children: `${evidence.inspection.title}（${evidence.inspection.assessmentUnitName}）` }] : []),
          { key: 'progress', label: t('transfer.progress'), children: progress.length ? progress.map((line) => <div key={line}>{line}</div>) : none },
        ]}
      />
      <IssuedDocuments documents={transfer.documents} />
      {evidence.records.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('transfer.records')}</Typography.Text>}
          dataSource={evidence.records}
          renderItem={(record) => <List.Item key={record.id}>{`${record.date} ${record.method} ${record.place}：${record.notes}`}</List.Item>}
        />
      )}
      {evidence.findings.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('transfer.findings')}</Typography.Text>}
          dataSource={evidence.findings}
          renderItem={(finding) => <List.Item key={finding.id}>{`${finding.category}：${finding.description}`}</List.Item>}
        />
      )}
      {evidence.recommendations.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('transfer.recommendations')}</Typography.Text>}
          dataSource={evidence.recommendations}
          renderItem={(item) => <List.Item key={item.problem}>{`${item.problem}：${item.recommendation}`}</List.Item>}
        />
      )}
    </Flex>
  );
}

/** 督17: the office follows its referrals; the discipline liaison acknowledges them and reports their status. */
export function TransfersPage() {
  const { t, serverLabel } = useI18n();
  const user = useCurrentUser();
  const [status, setStatus] = useState<TransferStatus | undefined>();
  const [openId, setOpenId] = useState<number | null>(null);
  const transfers = useTransfers(status);
  const open = transfers.data?.items.find((item) => item.id === openId) ?? null;

  const columns: TableColumnsType<Transfer> = [
    { title: t('transfer.unit'), dataIndex: 'responsibleUnitName', width: 110 },
    {
      title: t('transfer.problem'),
      dataIndex: 'problemDescription',
      render: (description: string, transfer) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setOpenId(transfer.id)}>
          {description}
        </Button>
      ),
    },
    {
      title: t('nav.inspections'),
      dataIndex: 'inspectionTitle',
      width: 180,
      render: (title: string | null, transfer) =>
        title && user.role !== 'discipline' ? <Link to={`/inspections/${transfer.inspectionId}`}>{title}</Link> : (title ?? t('common.none')),
    },
    { title: t('transfer.recipientBody'), dataIndex: 'recipientBody', width: 130, render: (body: Transfer['recipientBody'], transfer) => serverLabel(transfer.recipientBodyLabel, `transfer.recipientBody.${body}`) },
    { title: t('transfer.transferredAt'), dataIndex: 'transferredAt', width: 160, render: (value: string) => formatDateTime(value) },
    {
      title: t('transfer.status'),
      dataIndex: 'status',
      width: 140,
      render: (value: TransferStatus, transfer) => <Tag color={statusColors[value]}>{serverLabel(transfer.statusLabel, `transfer.status.${value}`)}</Tag>,
    },
    { title: t('common.actions'), key: 'actions', width: 260, render: (_value, transfer) => <TransferActions transfer={transfer} /> },
  ];

  return (
    <Card title={user.role === 'discipline' ? t('transfer.inbox') : t('transfer.title')}>
      <Flex vertical gap={16}>
        <Form layout="inline">
          <Form.Item label={t('transfer.status')} htmlFor="transfer-status">
            <Select<TransferStatus | undefined>
              id="transfer-status"
              allowClear
              placeholder={t('common.all')}
              style={{ width: 180 }}
              value={status}
              onChange={setStatus}
              options={transferStatuses.map((value) => ({ value, label: t(`transfer.status.${value}`) }))}
            />
          </Form.Item>
        </Form>
        {transfers.isError && <QueryErrorAlert error={transfers.error} onRetry={() => void transfers.refetch()} />}
        <Table<Transfer>
          rowKey="id"
          columns={columns}
          dataSource={transfers.data?.items ?? []}
          loading={transfers.isFetching}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        />
      </Flex>
      <Drawer open={open !== null} title={open?.problemDescription} size={640} onClose={() => setOpenId(null)}>
        {open && <TransferDetail transfer={open} />}
      </Drawer>
    </Card>
  );
}
