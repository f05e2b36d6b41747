import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useI18n } from './i18n';

/**
 * What a user sees when a page crashes or its code cannot be loaded (e.g. after a new release):
 * a plain explanation and a reload button, never the error itself.
 */
export function RouteError() {
  const { t } = useI18n();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <Result status="404" title={t('error.notFoundTitle')} subTitle={t('error.notFoundHint')} />;
  }
  return (
    <Result
      status="error"
      title={t('error.pageTitle')}
      subTitle={t('error.pageHint')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
