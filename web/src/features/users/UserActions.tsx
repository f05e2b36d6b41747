import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { disableUser, enableUser, resetUserPassword, userKeys, type ManagedUser, type UserAction } from './api';

type ConfirmedAction = Exclude<UserAction, 'changeRole'>;

const run: Record<ConfirmedAction, (id: number) => Promise<{ user: ManagedUser; oneTimePassword?: string }>> = {
  disable: disableUser,
  enable: enableUser,
  resetPassword: resetUserPassword,
};

/**
 * One button per action the server offers on the account (its `actions`): 停用, 启用 and 重置密码
 * after a confirmation, 更改角色 through its dialog; a new one-time password goes to `onPasswordIssued`.
 */
export function UserActions({
  user,
  onChangeRole,
  onPasswordIssued,
}: {
  user: ManagedUser;
  onChangeRole: (user: ManagedUser) => void;
  onPasswordIssued: (username: string, password: string) => void;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const act = useMutation({
    mutationFn: ({ action }: { action: ConfirmedAction }) => run[action](user.id),
    onSuccess: (result, { action }) => {
      void message.success(t(`users.done.${action}`));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      if (result.oneTimePassword) onPasswordIssued(result.user.username, result.oneTimePassword);
    },
    onError: (error) => {
      void message.error(errorText(error));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });

  if (user.actions.length === 0) return null;
  return (
    <Space size="small" wrap>
      {user.actions.map((action) =>
        action === 'changeRole' ? (
          <Button key={action} size="small" onClick={() => onChangeRole(user)}>
            {t('users.action.changeRole')}
          </Button>
        ) : (
          <Popconfirm
            key={action}
            title={t(`users.action.${action}`)}
            description={t(`users.confirm.${action}`, { username: user.username })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: action === 'disable', loading: act.isPending }}
            onConfirm={() => act.mutateAsync({ action }).catch(() => undefined)}
          >
            <Button size="small" danger={action === 'disable'} loading={act.isPending && act.variables?.action === action}>
              {t(`users.action.${action}`)}
            </Button>
          </Popconfirm>
        ),
      )}
    </Space>
  );
}
