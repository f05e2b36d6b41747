import { Flex, Layout, Menu, Typography, theme } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { useI18n } from '../../app/i18n';
import { LanguageSwitch } from '../../app/LanguageSwitch';

const entries = [
  { path: '/public/complaints/new', label: 'public.nav.new' },
  { path: '/public/complaints/track', label: 'public.nav.track' },
  { path: '/public/rectifications', label: 'public.nav.rectifications' },
] as const;

/** The frame of the pages open to everyone (督4, 督18): no account, no session, no side menu. */
export function PublicLayout() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const location = useLocation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}`, paddingInline: 24 }}>
        <Flex align="center" justify="space-between" gap={16} style={{ height: '100%' }}>
          <Typography.Text strong ellipsis>
            {t('public.title')}
          </Typography.Text>
          <nav aria-label={t('nav.menu')} style={{ flex: 1, minWidth: 0 }}>
            <Menu
              mode="horizontal"
              selectedKeys={[location.pathname]}
              items={entries.map((entry) => ({ key: entry.path, label: <Link to={entry.path}>{t(entry.label)}</Link> }))}
            />
          </nav>
          <Flex gap={8} align="center">
            <LanguageSwitch />
            <Link to="/login">{t('public.nav.staffLogin')}</Link>
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ margin: 24, maxWidth: 960, width: '100%', alignSelf: 'center' }}>
        <main>
          <Outlet />
        </main>
      </Layout.Content>
    </Layout>
  );
}
