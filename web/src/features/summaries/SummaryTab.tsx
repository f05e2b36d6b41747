import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useErrorText } from '../../app/errorText';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useCurrentUser } from '../auth/currentUser';
import { isOfficeRole } from '../auth/roles';
import {
  createSummary,
  fetchSummaryDraft,
  submitSummary,
  summaryDocxUrl,
  summaryKeys,
  updateSummary,
  useSummaries,
  useSummaryFigures,
  type SupervisionSummary,
} from './api';

// echarts is large: it is fetched only when the chart is about to show.
const ProblemsByAreaChart = lazy(async () => ({ default: (await import('./ProblemsByAreaChart')).ProblemsByAreaChart }));

interface EditorState {
  /** The summary being edited; null for a new one not yet saved. */
  id: number | null;
  title: string;
  body: string;
  isReadOnly: boolean;
}

/** 工作总结 (督11): the chart of problems by 督9 area, the year's summaries, the editor with the generated draft, submission and the DOCX. */
export function SummaryTab({ year }: { year: number }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const isOffice = isOfficeRole(user.role);
  const summaries = useSummaries(year);
  const figures = useSummaryFigures(year);
  const [editor, setEditor] = useState<EditorState | null>(null);
  const [form] = Form.useForm<{ title: string; body: string }>();

  const openEditor = (state: EditorState) => {
    setEditor(state);
    form.setFieldsValue({ title: state.title, body: state.body });
  };

  const generate = useMutation({
    mutationFn: () => fetchSummaryDraft(year),
    onSuccess: (draft) => openEditor({ id: editor?.isReadOnly === false ? editor.id : null, title: draft.title, body: draft.body, isReadOnly: false }),
    onError: (error) => void message.error(errorText(error)),
  });
  const save = useMutation({
    mutationFn: (values: { title: string; body: string }) => (editor?.id ? updateSummary(editor.id, values) : createSummary({ year, ...values })),
    onSuccess: ({ summary }) => {
      void message.success(t('summaries.saved'));
      void queryClient.invalidateQueries({ queryKey: summaryKeys.all });
      openEditor({ id: summary.id, title: summary.title, body: summary.body, isReadOnly: !summary.isEditable });
    },
  });
  const submit = useMutation({
    mutationFn: (id: number) => submitSummary(id),
    onSuccess: ({ summary }) => {
      void message.success(t('summaries.submitted'));
      void queryClient.invalidateQueries({ queryKey: summaryKeys.all });
      if (editor?.id === summary.id) openEditor({ id: summary.id, title: summary.title, body: summary.body, isReadOnly: true });
    },
    onError: (error) => void message.error(errorText(error)),
  });

  const columns: TableColumnsType<SupervisionSummary> = [
    { title: t('summaries.title'), dataIndex: 'title' },
    { title: t('summaries.status'), dataIndex: 'statusLabel', width: 170, render: (label: string, item) => <Tag color={item.status === 'submitted' ? 'green' : 'gold'}>{label}</Tag> },
    { title: t('summaries.createdBy'), dataIndex: 'createdByName', width: 180 },
    { title: t('summaries.submittedAt'), dataIndex: 'submittedAt', width: 170, render: (value: string | null) => (value ? formatDateTime(value) : t('common.none')) },
    {
      title: t('summaries.documentNumber'),
      key: 'documentNumber',
      width: 150,
      render: (_value, item) => {
        const issued = item.documents[0];
        return issued ? <Typography.Text copyable={{ text: issued.sha256, tooltips: ['SHA-256', '✓'] }}>{issued.documentNumber}</Typography.Text> : t('common.none');
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 330,
      render: (_value, item) => (
        <Space size="small" wrap>
          <Button size="small" onClick={() => openEditor({ id: item.id, title: item.title, body: item.body, isReadOnly: !item.isEditable })}>
            {item.isEditable ? t('summaries.edit') : t('summaries.view')}
          </Button>
          {item.actions.includes('submit') && (
            <Popconfirm title={t('summaries.submitConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => submit.mutate(item.id)}>
              <Button size="small" type="primary" loading={submit.isPending && submit.variables === item.id}>
                {t('summaries.submit')}
              </Button>
            </Popconfirm>
          )}
          <Button size="small" href={summaryDocxUrl(item.id)} download>
            {t('summaries.download')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('summaries.chart')}>
        {figures.isError && <QueryErrorAlert error={figures.error} onRetry={() => void figures.refetch()} />}
        {figures.data && (
          <Suspense fallback={<PageSpin />}>
            <ProblemsByAreaChart areas={figures.data.figures.problemsByArea} />
          </Suspense>
        )}
      </Card>
      <Card
        size="small"
        title={t('summaries.list')}
        extra={
          isOffice && (
            <Space wrap>
              <Button type="primary" loading={generate.isPending} onClick={() => generate.mutate()}>
                {t('summaries.generate')}
              </Button>
              <Button onClick={() => openEditor({ id: null, title: '', body: '', isReadOnly: false })}>{t('summaries.new')}</Button>
            </Space>
          )
        }
      >
        {isOffice && <Typography.Paragraph type="secondary">{t('summaries.generateHint')}</Typography.Paragraph>}
        {summaries.isError && <QueryErrorAlert error={summaries.error} onRetry={() => void summaries.refetch()} />}
        <Table<SupervisionSummary>
          rowKey="id"
          columns={columns}
          dataSource={summaries.data?.items ?? []}
          loading={summaries.isFetching}
          locale={{ emptyText: t('summaries.none') }}
          pagination={false}
        />
      </Card>
      {editor && (
        <Card size="small" title={editor.isReadOnly ? t('summaries.view') : t('summaries.edit')} extra={<Button onClick={() => setEditor(null)}>{t('common.cancel')}</Button>}>
          <Form form={form} layout="vertical" name="supervisionSummary" disabled={editor.isReadOnly} onFinish={(values) => save.mutate({ title: values.title.trim(), body: values.body.trim() })}>
            <Form.Item label={t('summaries.title')} name="title" rules={[{ required: true, whitespace: true, message: t('summaries.titleRequired') }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label={t('summaries.body')} name="body" rules={[{ required: true, whitespace: true, message: t('summaries.bodyRequired') }]}>
              <Input.TextArea rows={20} maxLength={50000} showCount />
            </Form.Item>
            {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} />}
            {!editor.isReadOnly && (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('summaries.save')}
              </Button>
            )}
          </Form>
        </Card>
      )}
    </Flex>
  );
}
