import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Select, Table, Tooltip, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { useErrorText } from '../../app/errorText';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useAuditEvents, useAuditVocabulary, verifyAuditChain, type AuditEvent, type AuditEventFilter, type AuditVerification } from './api';

function JsonBlock({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span>—</span>;
  return (
    <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  const { t } = useI18n();
  if (result.ok || !result.firstBroken) {
    return <Alert type="success" showIcon title={t('audit.verifyOk', { n: result.checked })} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.verifyBroken', { seq: result.firstBroken.seq, n: result.checked })}
      description={t('audit.verifyReason', { reason: result.firstBroken.reason })}
    />
  );
}

/** 审计日志: verify the hash chain and browse recent audit events (R-X1). */
export function AuditPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter: AuditEventFilter = {
    action: searchParams.get('action') ?? '',
    entityType: searchParams.get('entityType') ?? '',
    entityId: searchParams.get('entityId') ?? '',
  };
  const events = useAuditEvents(filter);
  const vocabulary = useAuditVocabulary();
  const pickerOptions = (entries: { code: string; label: string }[] | undefined) =>
    (entries ?? []).map((entry) => ({ value: entry.code, label: entry.label }));
  const verify = useMutation({ mutationFn: verifyAuditChain });

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80, align: 'right' },
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 120,
      render: (name: string | null) => name ?? t('audit.system'),
    },
    // The Chinese name; the code stays at hand for whoever reads the raw log.
    {
      title: t('audit.action'),
      dataIndex: 'actionLabel',
      width: 200,
      render: (label: string, event) => <Tooltip title={event.action}>{label}</Tooltip>,
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityTypeLabel',
      width: 160,
      render: (label: string, event) => <Tooltip title={event.entityType}>{label}</Tooltip>,
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      render: (entityId: AuditEvent['entityId']) => (entityId === null ? t('common.none') : String(entityId)),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('nav.audit')}
        extra={
          <Button type="primary" loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('audit.verify')}
          </Button>
        }
      >
        <Flex vertical gap={16}>
          {verify.isError && <Alert type="error" showIcon title={errorText(verify.error)} />}
          {verify.data && <VerificationResult result={verify.data} />}
          <Form<AuditEventFilter>
            key={`${filter.action}|${filter.entityType}|${filter.entityId}`}
            name="auditFilter"
            layout="inline"
            style={{ rowGap: 8 }}
            initialValues={filter}
            onFinish={(values) => {
              const next = new URLSearchParams();
              if (values.action) next.set('action', values.action);
              if (values.entityType?.trim()) next.set('entityType', values.entityType.trim());
              if (values.entityId?.trim()) next.set('entityId', values.entityId.trim());
              setSearchParams(next, { replace: true });
            }}
          >
            <Form.Item label={t('audit.action')} name="action">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={vocabulary.isPending}
                placeholder={t('common.all')}
                style={{ width: 220 }}
                options={pickerOptions(vocabulary.data?.actions)}
              />
            </Form.Item>
            <Form.Item label={t('audit.entityType')} name="entityType">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={vocabulary.isPending}
                placeholder={t('common.all')}
                style={{ width: 200 }}
                options={pickerOptions(vocabulary.data?.entityTypes)}
              />
            </Form.Item>
            <Form.Item label={t('audit.entityId')} name="entityId">
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit">{t('audit.apply')}</Button>
            </Form.Item>
          </Form>
        </Flex>
      </Card>
      <Card title={t('audit.recent')}>
        {events.isError && <QueryErrorAlert error={events.error} onRetry={() => void events.refetch()} />}
        <Table<AuditEvent>
          rowKey="seq"
          size="small"
          columns={columns}
          dataSource={events.data?.items ?? []}
          loading={events.isFetching}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          expandable={{
            rowExpandable: (event) => event.before != null || event.after != null,
            expandedRowRender: (event) => (
              <Flex gap={16} wrap>
                <div style={{ flex: '1 1 320px', minWidth: 0 }}>
                  <strong>{t('audit.before')}</strong>
                  <JsonBlock value={event.before} />
                </div>
                <div style={{ flex: '1 1 320px', minWidth: 0 }}>
                  <strong>{t('audit.after')}</strong>
                  <JsonBlock value={event.after} />
                </div>
              </Flex>
            ),
          }}
        />
      </Card>
    </Flex>
  );
}
