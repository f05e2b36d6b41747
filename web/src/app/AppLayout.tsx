import {
  AlertOutlined,
  AuditOutlined,
  ApartmentOutlined,
  BankOutlined,
  CheckSquareOutlined,
  DatabaseOutlined,
  FileSearchOutlined,
  FlagOutlined,
  HomeOutlined,
  ReconciliationOutlined,
  ScheduleOutlined,
  SendOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Layout, Menu, Result, Space, Spin, Tag, Typography, theme, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { logout, sessionQueryKey, useSession, type SessionUser } from '../features/auth/api';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { CurrentUserContext } from '../features/auth/currentUser';
import type { MessageKey } from './messages';
import { useI18n } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { PageSpin } from './PageSpin';
import { QueryErrorAlert } from './QueryErrorAlert';
import { loginRedirectState } from './redirectState';

interface NavEntry {
  /** The server's name of the page: the entry shows when the user's `pages` hold it. */
  page: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Entries sharing a group show as one submenu, where the group's first entry would be. */
  group?: NavGroupKey;
}

type NavGroupKey = 'registry';
const navGroups: Record<NavGroupKey, { label: MessageKey; icon: ReactNode }> = {
  registry: { label: 'nav.registry', icon: <DatabaseOutlined aria-hidden /> },
};

// Icons are decoration: hidden from assistive technology so menu items are named by their text only.
const navEntries: readonly NavEntry[] = [
  { page: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined aria-hidden /> },
  { page: 'regions', path: '/regions', label: 'nav.regions', icon: <ApartmentOutlined aria-hidden /> },
  { page: 'assessmentUnits', path: '/assessment-units', label: 'nav.assessmentUnits', icon: <FlagOutlined aria-hidden /> },
  { page: 'units', path: '/units', label: 'nav.units', icon: <BankOutlined aria-hidden /> },
  { page: 'people', path: '/people', label: 'nav.people', icon: <TeamOutlined aria-hidden /> },
  { page: 'supervisions', path: '/supervisions', label: 'nav.supervisions', icon: <ReconciliationOutlined aria-hidden /> },
  { page: 'supervisionWork', path: '/supervision-work', label: 'nav.supervisionWork', icon: <ReconciliationOutlined aria-hidden /> },
  { page: 'summaries', path: '/summaries', label: 'nav.summaries', icon: <TrophyOutlined aria-hidden /> },
  { page: 'checklists', path: '/checklists', label: 'nav.checklists', icon: <CheckSquareOutlined aria-hidden /> },
  { page: 'inspections', path: '/inspections', label: 'nav.inspections', icon: <FileSearchOutlined aria-hidden /> },
  { page: 'rectifications', path: '/rectifications', label: 'nav.rectifications', icon: <ScheduleOutlined aria-hidden /> },
  { page: 'complaints', path: '/complaints', label: 'nav.complaints', icon: <AlertOutlined aria-hidden /> },
  { page: 'transfers', path: '/transfers', label: 'nav.transfers', icon: <SendOutlined aria-hidden /> },
  { page: 'households', path: '/registry/households', label: 'nav.registry.households', icon: null, group: 'registry' },
  { page: 'registrySummary', path: '/registry/summary', label: 'nav.registry.summary', icon: null, group: 'registry' },
  { page: 'signals', path: '/registry/signals', label: 'nav.registry.signals', icon: null, group: 'registry' },
  { page: 'registryImport', path: '/registry/import', label: 'nav.registry.import', icon: null, group: 'registry' },
  { page: 'snapshots', path: '/registry/snapshots', label: 'nav.registry.snapshots', icon: null, group: 'registry' },
  { page: 'changeRequests', path: '/person-change-requests', label: 'nav.changeRequests', icon: <SolutionOutlined aria-hidden /> },
  { page: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined aria-hidden /> },
  { page: 'users', path: '/users', label: 'nav.users', icon: <UserOutlined aria-hidden /> },
  { page: 'parameters', path: '/parameters', label: 'nav.parameters', icon: <SettingOutlined aria-hidden /> },
];

function activeNavPath(pathname: string): string {
  const match = navEntries
    .filter((entry) => (entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '';
}

function navGroupOf(path: string): NavGroupKey | undefined {
  return navEntries.find((entry) => entry.path === path)?.group;
}

function UserSummary({ user }: { user: SessionUser }) {
  const { t, serverLabel } = useI18n();
  return (
    <Space size={4} aria-label={t('header.user')} wrap={false}>
      <Typography.Text strong>{user.displayName}</Typography.Text>
      <Tag color="red" variant="outlined">
        {serverLabel(user.roleLabel, `role.${user.role}`)}
      </Tag>
      <Typography.Text type="secondary">{user.scope.name}</Typography.Text>
    </Space>
  );
}

function SignedInShell({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const location = useLocation();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [passwordOpen, setPasswordOpen] = useState(false);

  const signOut = useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Even if the server is unreachable, this browser forgets everything it knew.
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
      void message.success(t('header.loggedOut'));
      void navigate('/login', { replace: true });
    },
  });

  const menuItems: NonNullable<MenuProps['items']> = [];
  const groupItems = new Map<NavGroupKey, { key: string; icon: ReactNode; label: string; children: { key: string; label: ReactNode }[] }>();
  for (const entry of navEntries) {
    if (!user.pages.includes(entry.page)) continue;
    const item = { key: entry.path, icon: entry.icon, label: <Link to={entry.path}>{t(entry.label)}</Link> };
    if (!entry.group) {
      menuItems.push(item);
      continue;
    }
    let group = groupItems.get(entry.group);
    if (!group) {
      group = { key: `group:${entry.group}`, icon: navGroups[entry.group].icon, label: t(navGroups[entry.group].label), children: [] };
      groupItems.set(entry.group, group);
      menuItems.push(group);
    }
    group.children.push({ key: item.key, label: item.label });
  }

  // The submenu of the current page opens by itself; the user may open and close others.
  const activePath = activeNavPath(location.pathname);
  const activeGroup = navGroupOf(activePath);
  const activeGroupKey = activeGroup ? `group:${activeGroup}` : undefined;
  const [openKeys, setOpenKeys] = useState<string[]>(activeGroupKey ? [activeGroupKey] : []);
  const [seenGroupKey, setSeenGroupKey] = useState(activeGroupKey);
  if (seenGroupKey !== activeGroupKey) {
    setSeenGroupKey(activeGroupKey);
    if (activeGroupKey && !openKeys.includes(activeGroupKey)) setOpenKeys([...openKeys, activeGroupKey]);
  }

  return (
    <CurrentUserContext.Provider value={user}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider breakpoint="lg" collapsedWidth={0} width={208}>
          <Link
            to="/"
            style={{ display: 'block', color: '#fff', fontSize: 20, fontWeight: 600, padding: '16px 24px', whiteSpace: 'nowrap' }}
          >
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.menu')}>
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={[activePath]}
              openKeys={openKeys}
              onOpenChange={setOpenKeys}
              items={menuItems}
            />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Header
            style={{
              background: token.colorBgContainer,
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
              paddingInline: 24,
            }}
          >
            <Flex align="center" justify="space-between" gap={16} style={{ height: '100%' }}>
              <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
                {t('app.fullName')}
              </Typography.Text>
              <Space size="small" wrap={false}>
                <UserSummary user={user} />
                <LanguageSwitch />
                <Button type="text" onClick={() => setPasswordOpen(true)}>
                  {t('header.changePassword')}
                </Button>
                <Button type="text" loading={signOut.isPending} onClick={() => signOut.mutate()}>
                  {t('header.logout')}
                </Button>
              </Space>
            </Flex>
          </Layout.Header>
          <Layout.Content style={{ margin: 24 }}>
            <Spin spinning={navigation.state === 'loading'} delay={200}>
              <main>
                <Outlet />
              </main>
            </Spin>
          </Layout.Content>
        </Layout>
      </Layout>
      {/* A one-time password keeps the dialog open, and undismissable, until it is changed. */}
      <ChangePasswordModal
        open={passwordOpen || user.mustChangePassword}
        isForced={user.mustChangePassword}
        onClose={() => setPasswordOpen(false)}
        onLogout={() => signOut.mutate()}
      />
    </CurrentUserContext.Provider>
  );
}

/** The signed-in frame: side menu by role, header with the user and account actions, and the page. */
export function AppLayout() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageSpin fullScreen />;
  if (session.isError) {
    return (
      <Result
        status="warning"
        title={t('app.fullName')}
        extra={<QueryErrorAlert error={session.error} onRetry={() => void session.refetch()} />}
      />
    );
  }
  if (!session.data) return <Navigate to="/login" replace state={loginRedirectState(location)} />;
  return <SignedInShell user={session.data.user} />;
}
