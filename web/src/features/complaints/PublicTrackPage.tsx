import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useErrorText } from '../../app/errorText';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { respondToAnswer, trackComplaint, type ComplainantAction } from './api';

/** 督4: the complainant follows the complaint by its code, and confirms or reopens once it is answered. */
export function PublicTrackPage() {
  const { t, serverLabel } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const code = (searchParams.get('code') ?? '').trim().toUpperCase();
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const tracked = useQuery({ queryKey: ['public-complaint', code], queryFn: () => trackComplaint(code), enabled: code.length > 0, retry: false });
  const respond = useMutation({
    mutationFn: ({ action, reopenReason }: { action: ComplainantAction; reopenReason?: string }) => respondToAnswer(code, action, reopenReason),
    onSuccess: (_result, { action }) => {
      void message.success(t(action === 'confirm' ? 'public.track.confirmed' : 'public.track.reopened'));
      setReopening(false);
      void tracked.refetch();
    },
  });
  const complaint = tracked.data?.complaint;
  const none = t('common.none');

  return (
    <Flex vertical gap={16}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('public.track.title')}</h1>}>
        <Form
          layout="inline"
          name="track"
          initialValues={{ code }}
          onFinish={(values: { code: string }) => setSearchParams({ code: values.code.trim().toUpperCase() })}
        >
          <Form.Item label={t('public.track.code')} name="code" rules={[{ required: true, whitespace: true, message: t('public.track.codeRequired') }]}>
            <Input maxLength={12} style={{ width: 200, textTransform: 'uppercase' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('public.track.search')}
          </Button>
        </Form>
      </Card>
      {tracked.isError && <Alert type="error" showIcon title={errorText(tracked.error)} />}
      {complaint && (
        <Card title={complaint.subject}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'status', label: t('complaint.status'), children: <Tag color="blue">{serverLabel(complaint.statusLabel, `complaint.status.${complaint.status}`)}</Tag> },
              { key: 'region', label: t('complaint.region'), children: complaint.regionPath },
              { key: 'created', label: t('complaint.createdAt'), children: formatDateTime(complaint.createdAt) },
              ...(complaint.decisionReason ? [{ key: 'reason', label: t('complaint.decisionReason'), children: complaint.decisionReason }] : []),
              { key: 'answer', label: t('complaint.answer'), children: complaint.answer ?? none },
              ...(complaint.answeredAt ? [{ key: 'answeredAt', label: t('complaint.answeredAt'), children: formatDateTime(complaint.answeredAt) }] : []),
              ...(complaint.reopenReason ? [{ key: 'reopen', label: t('complaint.reopenReason'), children: complaint.reopenReason }] : []),
            ]}
          />
          {complaint.actions.length > 0 && (
            <Space style={{ marginTop: 16 }}>
              {complaint.actions.includes('confirm') && (
                <Button type="primary" loading={respond.isPending} onClick={() => respond.mutate({ action: 'confirm' })}>
                  {t('complaint.action.confirm')}
                </Button>
              )}
              {complaint.actions.includes('reopen') && <Button onClick={() => setReopening(true)}>{t('complaint.action.reopen')}</Button>}
            </Space>
          )}
          {respond.isError && <Alert type="error" showIcon title={errorText(respond.error)} style={{ marginTop: 16 }} />}
        </Card>
      )}
      <Modal
        open={reopening}
        title={t('complaint.action.reopen')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason.trim().length === 0 }}
        confirmLoading={respond.isPending}
        onOk={() => respond.mutate({ action: 'reopen', reopenReason: reason.trim() })}
        onCancel={() => setReopening(false)}
      >
        <Form layout="vertical">
          <Form.Item label={t('complaint.reopenReason')} htmlFor="reopen-reason" required>
            <Input.TextArea id="reopen-reason" rows={3} maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
