import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from './i18n';

/** Any address inside the app that matches no page. */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.notFoundHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
