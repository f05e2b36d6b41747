import { useCallback } from 'react';
import { ApiError } from './api';
import { useI18n } from './i18n';

/**
 * Turns any thrown value into text fit for a user: the server's own (Chinese) message, a translated
 * message for browser-side failures, and never a stack trace or a JavaScript error message.
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.isClientSide) {
          return t(`error.${error.code as 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'SERVER_UNAVAILABLE'}`);
        }
        return error.message;
      }
      return t('error.unknown');
    },
    [t],
  );
}
