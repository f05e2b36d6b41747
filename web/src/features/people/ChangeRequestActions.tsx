import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { changeRequestKeys, decideChangeRequest, peopleKeys, type ChangeRequest, type ChangeRequestAction } from './api';
import { useChangeSummary } from './changeRequestText';

const buttonProps: Record<ChangeRequestAction, { type: 'primary' | 'default'; danger: boolean }> = {
  approve: { type: 'primary', danger: false },
  reject: { type: 'default', danger: true },
  withdraw: { type: 'default', danger: false },
};

interface DecisionForm {
  note?: string;
}

/**
 * One button per action the server says this user may take on the request (its `actions`), each
 * confirmed in a dialog; 驳回 needs a comment.
 */
export function ChangeRequestActions({ request }: { request: ChangeRequest }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const summary = useChangeSummary();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DecisionForm>();
  const [pending, setPending] = useState<ChangeRequestAction | null>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: changeRequestKeys.all });
    // An approval changes the person; every request list embedded in a person changes too.
    void queryClient.invalidateQueries({ queryKey: peopleKeys.all });
  };

  const decide = useMutation({
    mutationFn: ({ action, note }: { action: ChangeRequestAction; note?: string }) =>
      decideChangeRequest(request.id, action, note?.trim() || undefined),
    onSuccess: (_result, { action }) => {
      void message.success(t(`action.done.${action}`));
      setPending(null);
      refresh();
    },
    onError: (error) => {
      void message.error(errorText(error));
      // Someone else decided first, or the request is gone: the dialog has nothing left to do.
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        setPending(null);
        refresh();
      }
    },
  });

  if (request.actions.length === 0) return null;

  return (
    <>
      <Space size="small" wrap>
        {request.actions.map((action) => (
          <Button
            key={action}
            size="small"
            type={buttonProps[action].type}
            danger={buttonProps[action].danger}
            onClick={(event) => {
              event.stopPropagation();
              setPending(action);
            }}
          >
            {t(`action.${action}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={pending !== null}
        title={pending && t(`action.${pending}.title`)}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: pending === 'reject' }}
        confirmLoading={decide.isPending}
        onOk={() => form.submit()}
        onCancel={() => setPending(null)}
        afterClose={() => form.resetFields()}
      >
        <Typography.Paragraph>
          {t('action.subject', { person: request.personName, changes: summary(request) })}
        </Typography.Paragraph>
        {pending === 'withdraw' && <Typography.Paragraph>{t('action.withdraw.confirm')}</Typography.Paragraph>}
        <Form<DecisionForm>
          form={form}
          name={`decision-${request.id}`}
          layout="vertical"
          onFinish={({ note }) => pending && decide.mutate({ action: pending, note })}
        >
          {pending !== 'withdraw' && (
            <Form.Item
              label={t('action.note')}
              name="note"
              rules={[{ required: pending === 'reject', whitespace: true, message: t('action.noteRequired') }]}
            >
              <Input.TextArea
                rows={3}
                maxLength={500}
                showCount
                placeholder={pending === 'approve' ? t('action.noteOptional') : undefined}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
