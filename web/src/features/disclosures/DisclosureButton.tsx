import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { decideDisclosure, disclosureKeys, type Disclosure, type DisclosureDecision } from './api';

type FormValues = { decision: DisclosureDecision; reason: string; extraNames?: string };

/** R-I8: the office's 公开 / 不公开 decision on a verified problem, with its reason; shows the redacted text that will be published. */
export function DisclosureButton({ problemId, current }: { problemId: number; current: Disclosure | undefined }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const decide = useMutation({
    mutationFn: (values: FormValues) =>
      decideDisclosure(problemId, {
        decision: values.decision,
        reason: values.reason.trim(),
        ...(values.extraNames?.trim()
          ? { extraNames: values.extraNames.split(/[,，、\s]+/).map((name) => name.trim()).filter((name) => name.length >= 2) }
          : {}),
      }),
    onSuccess: () => {
      void message.success(t('disclosure.saved'));
      void queryClient.invalidateQueries({ queryKey: disclosureKeys.all });
    },
  });
  const shown = decide.data?.disclosure ?? current;

  return (
    <>
      {current && <Tag color={current.decision === 'disclose' ? 'green' : 'default'}>{t(`disclosure.decision.${current.decision}`)}</Tag>}
      <Button
        size="small"
        onClick={(event) => {
          event.stopPropagation();
          decide.reset();
          setOpen(true);
        }}
      >
        {t('disclosure.action')}
      </Button>
      <Modal
        open={open}
        title={t('disclosure.action')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={decide.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={640}
      >
        <Form<FormValues>
          form={form}
          name={`disclosure-${problemId}`}
          layout="vertical"
          initialValues={{ decision: current?.decision ?? 'disclose', reason: current?.reason ?? '' }}
          onFinish={(values) => decide.mutate(values)}
        >
          <Form.Item label={t('disclosure.decision')} name="decision">
            <Radio.Group
              options={[
                { value: 'disclose', label: t('disclosure.decision.disclose') },
                { value: 'withhold', label: t('disclosure.decision.withhold') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('disclosure.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('disclosure.reasonRequired') }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item label={t('disclosure.extraNames')} name="extraNames">
            <Input maxLength={500} />
          </Form.Item>
          {decide.isError && <Alert type="error" showIcon title={errorText(decide.error)} />}
        </Form>
        {shown?.published && (
          <>
            <Typography.Title level={5}>{t('disclosure.published')}</Typography.Title>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'problem', label: t('public.rectifications.problem'), children: shown.published.description },
                { key: 'requirement', label: t('public.rectifications.requirement'), children: shown.published.requirement },
                { key: 'measures', label: t('public.rectifications.measures'), children: shown.published.measures },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
