import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../app/FormModal';
import { useI18n } from '../../app/i18n';
import type { Role } from '../auth/api';
import {
  changeUserRole,
  createUser,
  useRoleRules,
  userKeys,
  type ManagedUser,
  type RoleRule,
  type ScopeField,
  type ScopeInput,
} from './api';
import { ScopePicker } from './ScopePicker';

interface UserForm {
  username?: string;
  displayName?: string;
  role?: Role;
  assessmentUnitCode?: string;
  townCode?: string;
  unitId?: number;
  personId?: number;
}

const scopeFieldNames: readonly ScopeField[] = ['assessmentUnitCode', 'townCode', 'unitId', 'personId'];

/** Only the scope field the role takes goes to the server. */
function scopeOf(values: UserForm, rule: RoleRule | undefined): ScopeInput {
  if (!rule?.scopeField) return {};
  const value = values[rule.scopeField];
  return value === undefined || value === null || value === '' ? {} : { [rule.scopeField]: value };
}

/** The role select and, below it, the picker of the scope that role takes (from the server's rule). */
function RoleAndScopeFields({ rules, initialPersonLabel }: { rules: RoleRule[]; initialPersonLabel?: string }) {
  const { t, serverLabel } = useI18n();
  const form = Form.useFormInstance<UserForm>();
  const role = Form.useWatch('role', form);
  const rule = rules.find((candidate) => candidate.role === role);
  return (
    <>
      <Form.Item label={t('users.role')} name="role" rules={[{ required: true, message: t('users.roleRequired') }]}>
        <Select<Role>
          showSearch={{ optionFilterProp: 'label' }}
          options={rules.map((candidate) => ({ value: candidate.role, label: serverLabel(candidate.label, `role.${candidate.role}`) }))}
          onChange={() => form.resetFields([...scopeFieldNames])}
        />
      </Form.Item>
      {rule?.scopeField && (
        <Form.Item
          key={rule.scopeField}
          label={rule.scopeLabel}
          name={rule.scopeField}
          extra={rule.scopeMeaning}
          rules={[{ required: rule.isScopeRequired, message: t('users.scopeRequired', { label: rule.scopeLabel }) }]}
        >
          <ScopePicker
            field={rule.scopeField}
            allowClear={!rule.isScopeRequired}
            placeholder={rule.isScopeRequired ? undefined : t('users.scopeOptional')}
            initialLabel={initialPersonLabel}
          />
        </Form.Item>
      )}
    </>
  );
}

/** 新建用户: username, display name, role and the scope the role takes; the one-time password goes to `onCreated`. */
export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (user: ManagedUser, oneTimePassword: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserForm>();
  const rules = useRoleRules().data?.items ?? [];

  const submit = useMutation({
    mutationFn: (values: UserForm) =>
      createUser({
        username: values.username!.trim(),
        ...(values.displayName?.trim() ? { displayName: values.displayName.trim() } : {}),
        role: values.role!,
        ...scopeOf(values, rules.find((rule) => rule.role === values.role)),
      }),
    onSuccess: ({ user, oneTimePassword }) => {
      void message.success(t('users.created', { username: user.username }));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      onClose();
      onCreated(user, oneTimePassword);
    },
  });

  return (
    <FormModal open={open} title={t('users.createTitle')} form={form} submit={submit} onClose={onClose}>
      <Form<UserForm> form={form} name="createUser" layout="vertical" onFinish={(values) => submit.mutate(values)}>
        <Form.Item
          label={t('users.username')}
          name="username"
          extra={t('users.usernameRule')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^\s*[A-Za-z0-9_.-]{2,40}\s*$/, message: t('users.usernameRule') },
          ]}
        >
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" extra={t('users.displayNameHint')}>
          <Input maxLength={50} />
        </Form.Item>
        <RoleAndScopeFields rules={rules} />
      </Form>
    </FormModal>
  );
}

/** 更改角色: the same role and scope fields, opening on the account's present ones. */
export function ChangeRoleModal({ user, onClose }: { user: ManagedUser | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserForm>();
  const rules = useRoleRules().data?.items ?? [];
  // The account stays on screen while the dialog closes.
  const [shown, setShown] = useState(user);
  if (user && user !== shown) setShown(user);

  const submit = useMutation({
    mutationFn: (values: UserForm) =>
      changeUserRole(shown!.id, { role: values.role!, ...scopeOf(values, rules.find((rule) => rule.role === values.role)) }),
    onSuccess: () => {
      void message.success(t('users.changed'));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      onClose();
    },
  });

  const initialValues: UserForm | undefined = shown
    ? {
        role: shown.role,
        assessmentUnitCode: shown.scopeFields.assessmentUnitCode ?? undefined,
        townCode: shown.scopeFields.townCode ?? undefined,
        unitId: shown.scopeFields.unitId ?? undefined,
        personId: shown.scopeFields.personId ?? undefined,
      }
    : undefined;

  return (
    <FormModal open={user !== null} title={shown ? t('users.changeRoleTitle', { username: shown.username }) : ''} form={form} submit={submit} onClose={onClose}>
      {shown && (
        <Form<UserForm>
          key={`${shown.id}-${shown.updatedAt}`}
          form={form}
          name="changeRole"
          layout="vertical"
          initialValues={initialValues}
          onFinish={(values) => submit.mutate(values)}
        >
          <RoleAndScopeFields rules={rules} initialPersonLabel={shown.scope.kind === 'person' ? shown.scope.name : undefined} />
        </Form>
      )}
    </FormModal>
  );
}
