import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { changePassword, sessionQueryKey } from './api';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

interface ChangePasswordModalProps {
  open: boolean;
  onClose: () => void;
  /**
   * The user still holds a one-time password: the dialog cannot be dismissed (no close button,
   * no Esc, no click outside) until the password is changed; signing out is the only other way.
   */
  isForced?: boolean;
  onLogout?: () => void;
}

/** 修改密码: the current password, a new one by the password rule, and its confirmation. */
export function ChangePasswordModal({ open, onClose, isForced = false, onLogout }: ChangePasswordModalProps) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PasswordForm>();

  const change = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      void message.success(t('password.changed'));
      // mustChangePassword (and perhaps the session itself) changes with the password; a page refused
      // while the password was still a one-time one loads now.
      void queryClient.invalidateQueries(isForced ? undefined : { queryKey: sessionQueryKey });
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title={isForced ? t('auth.mustChangePasswordTitle') : t('password.title')}
      okText={t('common.ok')}
      cancelText={isForced ? t('header.logout') : t('common.cancel')}
      confirmLoading={change.isPending}
      onOk={() => form.submit()}
      onCancel={isForced ? undefined : onClose}
      cancelButtonProps={isForced ? { onClick: onLogout } : undefined}
      closable={!isForced}
      keyboard={!isForced}
      mask={{ closable: !isForced }}
      afterClose={() => {
        form.resetFields();
        change.reset();
      }}
    >
      {isForced && <Alert type="warning" showIcon title={t('auth.mustChangePassword')} style={{ marginBottom: 16 }} />}
      <Form<PasswordForm>
        form={form}
        name="changePassword"
        layout="vertical"
        onFinish={({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword })}
      >
        <Form.Item
          label={t('password.current')}
          name="currentPassword"
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('password.new')}
          name="newPassword"
          dependencies={['currentPassword']}
          extra={t('password.rule')}
          rules={[
            { required: true, message: t('password.newRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                value && value === getFieldValue('currentPassword')
                  ? Promise.reject(new Error(t('password.sameAsCurrent')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('password.confirm')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {change.isError && <Alert type="error" showIcon title={errorText(change.error)} />}
      </Form>
    </Modal>
  );
}
