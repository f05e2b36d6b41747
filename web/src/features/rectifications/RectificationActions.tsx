import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api';
import { FormModal } from '../../app/FormModal';
import { useI18n } from '../../app/i18n';
import { actOnProblem, rectificationKeys, type Problem, type RectificationAction } from './api';

type ActionForm = Record<string, string | undefined>;

function Fields({ action }: { action: RectificationAction }) {
  const { t } = useI18n();
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];
  switch (action) {
    case 'submit':
      return (
        <>
          <Form.Item label={t('rectification.measures')} name="measures" rules={required('rectification.measuresRequired')}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item label={t('rectification.evidence')} name="evidence" rules={required('rectification.evidenceRequired')}>
            <Input.TextArea rows={3} maxLength={5000} showCount />
          </Form.Item>
        </>
      );
    case 'verify':
      return (
        <Form.Item label={t('rectification.verificationNote')} name="note">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'return':
    case 'refuseExtension':
      return (
        <Form.Item label={t('rectification.reason')} name="reason" rules={required('rectification.reasonRequired')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'requestExtension':
      return (
        <>
          <Form.Item label={t('rectification.requestedDeadline')} name="requestedDeadline" rules={required('rectification.requestedDeadlineRequired')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item label={t('rectification.extensionReason')} name="reason" rules={required('rectification.reasonRequired')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'start':
    case 'grantExtension':
      return <Typography.Paragraph>{t(`rectification.confirm.${action}`)}</Typography.Paragraph>;
  }
}

/** One button per action the server allows on the problem; each confirmed in a dialog with its form. */
export function RectificationActions({ problem }: { problem: Problem }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActionForm>();
  const [pending, setPending] = useState<RectificationAction | null>(null);

  const act = useMutation({
    mutationFn: ({ action, body }: { action: RectificationAction; body: Record<string, unknown> }) => actOnProblem(problem.id, action, body),
    onSuccess: (_result, { action }) => {
      void message.success(t(`rectification.done.${action}`));
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: rectificationKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['inspections'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        void queryClient.invalidateQueries({ queryKey: rectificationKeys.all });
      }
    },
  });

  if (problem.actions.length === 0) return null;
  return (
    <>
      <Space size="small" wrap>
        {problem.actions.map((action) => (
          <Button
            key={action}
            size="small"
            type={action === 'submit' || action === 'verify' ? 'primary' : 'default'}
            danger={action === 'return' || action === 'refuseExtension'}
            onClick={(event) => {
              event.stopPropagation();
              act.reset();
              setPending(action);
            }}
          >
            {t(`rectification.action.${action}`)}
          </Button>
        ))}
      </Space>
      <FormModal open={pending !== null} title={pending && t(`rectification.action.${pending}`)} form={form} submit={act} onClose={() => setPending(null)}>
        <Typography.Paragraph type="secondary">{problem.description}</Typography.Paragraph>
        <Form<ActionForm>
          form={form}
          name={`rectification-${pending ?? 'action'}`}
          layout="vertical"
          onFinish={(values) => {
            const body = Object.fromEntries(
              Object.entries(values)
                .map(([key, value]) => [key, value?.trim()])
                .filter(([, value]) => value),
            );
            if (pending) act.mutate({ action: pending, body });
          }}
        >
          {pending && <Fields action={pending} />}
        </Form>
      </FormModal>
    </>
  );
}
