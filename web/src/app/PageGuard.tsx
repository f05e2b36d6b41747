import { Result } from 'antd';
import { Outlet } from 'react-router';
import { useCurrentUser } from '../features/auth/currentUser';
import { useI18n } from './i18n';

/** Opens the page's routes only for users whose `pages` (from the server) hold it; the server refuses the data anyway, this explains why. */
export function PageGuard({ page }: { page: string }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  if (!user.pages.includes(page)) {
    return <Result status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbiddenHint')} />;
  }
  return <Outlet />;
}
