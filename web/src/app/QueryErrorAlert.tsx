import { Alert, Button } from 'antd';
import { useErrorText } from './errorText';
import { useI18n } from './i18n';

interface QueryErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
}

/** A failed load, explained in words the user can act on, with a retry button; nothing while there is no error. */
export function QueryErrorAlert({ error, onRetry }: QueryErrorAlertProps) {
  const { t } = useI18n();
  const errorText = useErrorText();
  if (error === null || error === undefined) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('error.loadFailed')}
      description={errorText(error)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
