import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useI18n } from '../../app/i18n';

export interface IssuedPassword {
  username: string;
  password: string;
}

/**
 * Shows a one-time password the server returned, once: with a copy button and the warning that it
 * cannot be shown again. It closes only through its button, so a stray click cannot lose it.
 */
export function OneTimePasswordModal({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();

  const copy = async () => {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.password);
      void message.success(t('users.copied'));
    } catch {
      void message.warning(t('users.copyFailed'));
    }
  };

  return (
    <Modal
      open={issued !== null}
      title={issued ? t('users.oneTimeTitle', { username: issued.username }) : ''}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('users.oneTimeDone')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Alert type="warning" showIcon title={t('users.oneTimeWarning')} description={t('users.oneTimeHint')} />
        <Flex align="center" gap={12} wrap>
          <Typography.Text
            code
            copyable={false}
            aria-label={t('users.oneTimePassword')}
            style={{ fontSize: 20, letterSpacing: 1, userSelect: 'all', wordBreak: 'break-all' }}
          >
            {issued?.password}
          </Typography.Text>
          <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
            {t('users.copy')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
