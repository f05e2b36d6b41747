import { Result } from 'antd';
import { Outlet } from 'react-router';
import { useCurrentUser } from '../features/auth/currentUser';
import { isOfficeRole } from '../features/auth/roles';
import { useI18n } from './i18n';

/** Guards the city office's pages; the server refuses the data anyway, this only explains why. */
export function OfficeOnly() {
  const { t } = useI18n();
  const user = useCurrentUser();
  if (!isOfficeRole(user.role)) {
    return <Result status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbiddenHint')} />;
  }
  return <Outlet />;
}
