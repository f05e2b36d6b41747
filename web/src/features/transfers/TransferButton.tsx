import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { createTransfer, transferKeys, useRecipients, type RecipientBody } from './api';

type FormValues = { recipientBody: RecipientBody; recipientUserId: number; summary: string };

/** 督17: the office refers a problem of the ledger to 纪检监察 or 检察机关; the server bundles the evidence. */
export function TransferButton({ problemId, description }: { problemId: number; description: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const recipients = useRecipients(open);
  const transfer = useMutation({
    mutationFn: (values: FormValues) => createTransfer({ problemId, ...values, summary: values.summary.trim() }),
    onSuccess: () => {
      void message.success(t('transfer.created'));
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['rectifications'] });
      void queryClient.invalidateQueries({ queryKey: transferKeys.all });
    },
  });
  const required = [{ required: true, message: t('transfer.required') }];
  return (
    <>
      <Button
        size="small"
        danger
        onClick={(event) => {
          event.stopPropagation();
          transfer.reset();
          setOpen(true);
        }}
      >
        {t('transfer.action.transfer')}
      </Button>
      <Modal
        open={open}
        title={t('transfer.action.transfer')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={transfer.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>
        <Form<FormValues> form={form} name={`transfer-${problemId}`} layout="vertical" initialValues={{ recipientBody: 'discipline_inspection' }} onFinish={(values) => transfer.mutate(values)}>
          <Form.Item label={t('transfer.recipientBody')} name="recipientBody" rules={required}>
            <Select
              options={(['discipline_inspection', 'procuratorate'] as const).map((body) => ({ value: body, label: t(`transfer.recipientBody.${body}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('transfer.recipient')} name="recipientUserId" rules={required}>
            <Select loading={recipients.isFetching} options={(recipients.data?.items ?? []).map((user) => ({ value: user.id, label: user.displayName }))} />
          </Form.Item>
          <Form.Item label={t('transfer.summary')} name="summary" rules={[{ required: true, whitespace: true, message: t('transfer.required') }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          {transfer.isError && <Alert type="error" showIcon title={errorText(transfer.error)} />}
        </Form>
      </Modal>
    </>
  );
}
