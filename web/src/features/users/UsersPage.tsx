import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Grid, Input, Result, Segmented, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { downloadCsv, toCsv } from '../../app/csv';
import { useErrorText } from '../../app/errorText';
import { formatDateTime, todayStamp } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import type { Role } from '../auth/api';
import { useCurrentUser } from '../auth/currentUser';
import { useAssessmentUnits } from '../regions/api';
import { useUnits } from '../units/api';
import { fetchAllUsers, useRoleRules, useUsers, type ManagedUser, type UserFilter } from './api';
import { OneTimePasswordModal, type IssuedPassword } from './OneTimePasswordModal';
import { UserActions } from './UserActions';
import { ChangeRoleModal, CreateUserModal } from './UserFormModal';

function parseActive(value: string | null): UserFilter['isActive'] {
  return value === 'true' || value === 'false' ? value : undefined;
}

/** The scope filter's options: the whole city, each assessment unit, each town, each unit. */
function useScopeOptions() {
  const { t } = useI18n();
  const assessmentUnits = useAssessmentUnits(undefined).data?.items ?? [];
  const units = useUnits().data?.items ?? [];
  return [
    { value: 'city', label: t('users.scopeCity') },
    {
      label: t('users.scopeGroup.assessmentUnits'),
      title: t('users.scopeGroup.assessmentUnits'),
      options: assessmentUnits.map((unit) => ({ value: `assessment_unit:${unit.code}`, label: unit.name })),
    },
    {
      label: t('users.scopeGroup.towns'),
      title: t('users.scopeGroup.towns'),
      options: assessmentUnits.flatMap((unit) => unit.towns.map((town) => ({ value: `town:${town.code}`, label: `${town.name}（${unit.name}）` }))),
    },
    {
      label: t('users.scopeGroup.units'),
      title: t('users.scopeGroup.units'),
      options: units.map((unit) => ({ value: `unit:${unit.id}`, label: unit.name })),
    },
  ];
}

/**
 * 用户管理 (office administrator): accounts filtered by role, scope, state and text and exported as
 * CSV; new accounts, and each row's actions as the server offers them; a one-time password shown once.
 */
export function UsersPage() {
  const { t, serverLabel } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const currentUser = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter: UserFilter = {
    q: searchParams.get('q') ?? '',
    role: (searchParams.get('role') as Role | null) ?? undefined,
    scope: searchParams.get('scope') ?? undefined,
    isActive: parseActive(searchParams.get('active')),
    page: Math.max(1, Number(searchParams.get('page')) || 1),
    pageSize: Math.min(500, Math.max(1, Number(searchParams.get('pageSize')) || 20)),
  };
  const [draft, setDraft] = useState(filter.q);
  const [isCreating, setIsCreating] = useState(false);
  const [changing, setChanging] = useState<ManagedUser | null>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [isExporting, setIsExporting] = useState(false);
  const isAdmin = currentUser.role === 'office_admin';
  const users = useUsers(filter);
  const roleRules = useRoleRules();
  const scopeOptions = useScopeOptions();
  // At phone width the filters stack and fill the width; the table scrolls sideways.
  const isNarrow = !Grid.useBreakpoint().md;
  const fieldWidth = (width: number) => (isNarrow ? '100%' : width);

  if (!isAdmin) return <Result status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbiddenHint')} />;

  const updateFilter = (next: Partial<UserFilter>) => {
    const merged = { ...filter, page: 1, ...next };
    const params = new URLSearchParams();
    if (merged.q) params.set('q', merged.q);
    if (merged.role) params.set('role', merged.role);
    if (merged.scope) params.set('scope', merged.scope);
    if (merged.isActive) params.set('active', merged.isActive);
    if (merged.page > 1) params.set('page', String(merged.page));
    if (merged.pageSize !== 20) params.set('pageSize', String(merged.pageSize));
    setSearchParams(params, { replace: true });
  };

  const roleText = (user: ManagedUser) => serverLabel(user.roleLabel, `role.${user.role}`);
  const statusText = (user: ManagedUser) => (user.isActive ? t('users.status.active') : t('users.status.inactive'));

  const columns: TableColumnsType<ManagedUser> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      render: (username: string, user) => (
        <Space size={4}>
          {username}
          {user.isSelf && <Tag color="gold">{t('users.self')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.role'), dataIndex: 'role', render: (_role, user) => <Tag color="red" variant="outlined">{roleText(user)}</Tag> },
    { title: t('users.scope'), key: 'scope', render: (_value, user) => user.scope.name },
    {
      title: t('users.filterStatus'),
      key: 'status',
      render: (_value, user) => (
        <Space size={4} wrap>
          <Tag color={user.isActive ? 'green' : 'default'}>{statusText(user)}</Tag>
          {user.mustChangePassword && <Tag color="orange">{t('users.status.mustChangePassword')}</Tag>}
          {user.isLoginWaiting && <Tag color="red">{t('users.status.loginWaiting')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, user) => (
        <UserActions user={user} onChangeRole={setChanging} onPasswordIssued={(username, password) => setIssued({ username, password })} />
      ),
    },
  ];

  const exportCsv = async () => {
    setIsExporting(true);
    try {
      const all = await fetchAllUsers(filter);
      const header = [t('users.username'), t('users.displayName'), t('users.role'), t('users.scope'), t('users.filterStatus'), t('users.exportHeader.mustChangePassword'), t('users.createdAt')];
      const rows = all.map((user) => [
        user.username,
        user.displayName,
        roleText(user),
        user.scope.name,
        statusText(user),
        user.mustChangePassword ? t('common.yes') : t('common.no'),
        formatDateTime(user.createdAt),
      ]);
      downloadCsv(`${t('users.exportFileName')}-${todayStamp()}.csv`, toCsv([header, ...rows]));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setIsExporting(false);
    }
  };

  return (
    <Card title={t('users.title')}>
      <Flex vertical gap={16}>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIsCreating(true)}>
            {t('users.create')}
          </Button>
          <Button onClick={() => void exportCsv()} loading={isExporting} disabled={(users.data?.total ?? 0) === 0}>
            {t('users.export')}
          </Button>
        </Space>
        <Form layout={isNarrow ? 'vertical' : 'inline'} style={{ rowGap: 8 }} onSubmitCapture={(event) => event.preventDefault()}>
          <Form.Item label={t('users.keyword')} htmlFor="users-q">
            <Input.Search
              id="users-q"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onSearch={(value) => updateFilter({ q: value.trim() })}
              placeholder={t('users.keywordPlaceholder')}
              enterButton={t('common.search')}
              allowClear
              style={{ width: fieldWidth(280) }}
            />
          </Form.Item>
          <Form.Item label={t('users.filterRole')} htmlFor="users-role">
            <Select<Role>
              id="users-role"
              allowClear
              placeholder={t('common.all')}
              value={filter.role}
              onChange={(role) => updateFilter({ role })}
              options={(roleRules.data?.items ?? []).map((rule) => ({ value: rule.role, label: serverLabel(rule.label, `role.${rule.role}`) }))}
              style={{ width: fieldWidth(200) }}
            />
          </Form.Item>
          <Form.Item label={t('users.filterScope')} htmlFor="users-scope">
            <Select<string>
              id="users-scope"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              value={filter.scope}
              onChange={(scope) => updateFilter({ scope })}
              options={scopeOptions}
              style={{ width: fieldWidth(240) }}
            />
          </Form.Item>
          <Form.Item label={t('users.filterStatus')}>
            <Segmented<'all' | 'true' | 'false'>
              aria-label={t('users.filterStatus')}
              value={filter.isActive ?? 'all'}
              onChange={(value) => updateFilter({ isActive: value === 'all' ? undefined : value })}
              options={[
                { value: 'all', label: t('common.all') },
                { value: 'true', label: t('users.status.active') },
                { value: 'false', label: t('users.status.inactive') },
              ]}
            />
          </Form.Item>
        </Form>
        {users.isError && <QueryErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
        <Table<ManagedUser>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => updateFilter({ page, pageSize }),
          }}
        />
      </Flex>
      <CreateUserModal
        open={isCreating}
        onClose={() => setIsCreating(false)}
        onCreated={(user, password) => setIssued({ username: user.username, password })}
      />
      <ChangeRoleModal user={changing} onClose={() => setChanging(null)} />
      <OneTimePasswordModal issued={issued} onClose={() => setIssued(null)} />
    </Card>
  );
}
