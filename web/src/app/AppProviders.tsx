import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState, type ReactNode } from 'react';
import { sessionQueryKey, type Session } from '../features/auth/api';
import { setUnauthorizedHandler } from './api';
import { LanguageProvider, useI18n } from './i18n';
import { createQueryClient } from './queryClient';

const theme: ThemeConfig = {
  token: { colorPrimary: '#b71c1c', borderRadius: 4 },
};

/**
 * On a 401 the session is dropped; the signed-in layout then sends the user to the login page and
 * remembers where they were.
 */
function SessionExpiryWatcher() {
  const queryClient = useQueryClient();
  const { message } = AntdApp.useApp();
  const { t } = useI18n();

  useEffect(
    () =>
      setUnauthorizedHandler(() => {
        const hadSession = queryClient.getQueryData<Session | null>(sessionQueryKey);
        if (hadSession) void message.warning({ content: t('auth.sessionExpired'), key: 'session-expired' });
        queryClient.setQueryData(sessionQueryKey, null);
      }),
    [queryClient, message, t],
  );
  return null;
}

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      theme={theme}
      // Tests and screen readers look for "登录", not "登 录".
      button={{ autoInsertSpace: false }}
    >
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

/** Language, antd (locale, theme, message context) and TanStack Query for the whole app. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <LanguageProvider>
      <QueryClientProvider client={queryClient}>
        <LocalizedAntd>
          <SessionExpiryWatcher />
          {children}
        </LocalizedAntd>
      </QueryClientProvider>
    </LanguageProvider>
  );
}
