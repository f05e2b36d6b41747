import { Alert, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useErrorText } from './errorText';
import { useI18n } from './i18n';

/** What the dialog needs of the mutation its form submits (a TanStack Query mutation fits). */
interface SubmitState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  reset: () => void;
}

/**
 * A dialog around a form that submits once: 提交 submits the form, the button spins while the mutation
 * runs, the server's refusal shows under the form, and closing clears both for the next time.
 */
export function FormModal({
  open,
  title,
  form,
  submit,
  onClose,
  width,
  children,
}: {
  open: boolean;
  title: ReactNode;
  form: FormInstance;
  submit: SubmitState;
  onClose: () => void;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        submit.reset();
      }}
      width={width}
    >
      {children}
      {submit.isError && <Alert type="error" showIcon title={errorText(submit.error)} />}
    </Modal>
  );
}
