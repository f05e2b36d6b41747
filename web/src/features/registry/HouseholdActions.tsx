import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api';
import { useErrorText } from '../../app/errorText';
import { todayInShanghai } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import {
  changeHouseholdStatus,
  evidenceKinds,
  registryKeys,
  requiredEvidence,
  type EvidenceKind,
  type HouseholdDetail,
  type StatusAction,
} from './api';

interface ActionForm {
  effectiveOn?: string;
  references?: Partial<Record<EvidenceKind, string>>;
  note?: string;
}

/**
 * One button per status change the server allows; each opens a form with the effective date,
 * the three kinds of evidence (民主评议, 公示, 签字认可) with their references, and a note.
 * The server checks the evidence and the exit criteria and its refusal is shown in the form.
 */
export function HouseholdActions({ detail }: { detail: HouseholdDetail }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActionForm>();
  const [pending, setPending] = useState<StatusAction | null>(null);
  const { household } = detail;

  const act = useMutation({
    mutationFn: ({ action, body }: { action: StatusAction; body: Parameters<typeof changeHouseholdStatus>[2] }) =>
      changeHouseholdStatus(household.id, action, body),
    onSuccess: (updated, { action }) => {
      void message.success(t(`registry.done.${action}`));
      setPending(null);
      queryClient.setQueryData(registryKeys.household(String(household.id)), updated);
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        void queryClient.invalidateQueries({ queryKey: registryKeys.household(String(household.id)) });
      }
    },
  });

  if (detail.actions.length === 0) return null;
  const required = pending ? requiredEvidence[pending] : [];

  return (
    <>
      <Space size="small" wrap>
        {detail.actions.map((action) => (
          <Button
            key={action}
            type={action === 'exit' ? 'primary' : 'default'}
            danger={action === 'remove'}
            onClick={() => {
              act.reset();
              setPending(action);
            }}
          >
            {t(`registry.action.${action}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={pending !== null}
        title={pending && t('registry.form.title', { action: t(`registry.action.${pending}`), name: household.headName, no: household.householdNo })}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: pending === 'remove' }}
        confirmLoading={act.isPending}
        onOk={() => form.submit()}
        onCancel={() => setPending(null)}
        width={600}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{pending === 'exit' ? t('registry.form.exitHint') : t('registry.form.otherHint')}</Typography.Paragraph>
        <Form<ActionForm>
          form={form}
          name={`household-${pending ?? 'action'}`}
          layout="vertical"
          initialValues={{ effectiveOn: todayInShanghai() }}
          onFinish={(values) => {
            if (!pending) return;
            const evidence = evidenceKinds
              .map((kind) => ({ kind, reference: values.references?.[kind]?.trim() ?? '' }))
              .filter((item) => item.reference);
            act.mutate({ action: pending, body: { effectiveOn: values.effectiveOn ?? '', evidence, note: values.note?.trim() ?? '' } });
          }}
        >
          <Form.Item
            label={t('registry.form.effectiveOn')}
            name="effectiveOn"
            rules={[{ required: true, message: t('registry.form.effectiveOnRequired') }]}
          >
            <Input type="date" max={todayInShanghai()} style={{ width: 200 }} />
          </Form.Item>
          <Typography.Text strong>{t('registry.form.evidence')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            {evidenceKinds.map((kind) => {
              const isRequired = required.includes(kind);
              const kindLabel = t(`registry.evidence.${kind}`);
              return (
                <Form.Item
                  key={kind}
                  label={isRequired ? kindLabel : t('registry.form.optionalLabel', { label: kindLabel })}
                  name={['references', kind]}
                  rules={isRequired ? [{ required: true, whitespace: true, message: t('registry.form.referenceRequired', { kind: kindLabel }) }] : []}
                >
                  <Input maxLength={200} placeholder={t('registry.form.referencePlaceholder', { kind: kindLabel })} />
                </Form.Item>
              );
            })}
          </div>
          <Form.Item label={t('registry.form.note')} name="note">
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          {act.isError && <Alert type="error" showIcon title={errorText(act.error)} />}
        </Form>
      </Modal>
    </>
  );
}
