import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Flex, Form, Input, Layout, Spin, Tag, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { returnPathFrom } from '../../app/redirectState';
import { login, sessionQueryKey, useDemoAccounts, useSession, type Credentials } from './api';

/** Locked accounts and rate limits are waits, not mistakes: shown as warnings rather than errors. */
function alertTypeFor(error: unknown): 'error' | 'warning' {
  return error instanceof ApiError && (error.status === 423 || error.status === 429) ? 'warning' : 'error';
}

export function LoginPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const returnPath = returnPathFrom(location.state);
  const demoAccounts = useDemoAccounts();
  const [form] = Form.useForm<Credentials>();

  const signIn = useMutation({
    mutationFn: login,
    onSuccess: (newSession) => {
      // A previous user's cached data must never show through to the next one.
      queryClient.removeQueries();
      queryClient.setQueryData(sessionQueryKey, newSession);
      void navigate(returnPath, { replace: true });
    },
  });

  if (session.data) return <Navigate to={returnPath} replace />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: 'transparent', display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content>
        <Flex justify="center" style={{ padding: '48px 16px' }}>
          <Card style={{ width: 400, maxWidth: '100%' }}>
            <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
              {t('app.fullName')}
            </Typography.Paragraph>
            <Spin spinning={session.isPending}>
              <Form<Credentials>
                form={form}
                name="login"
                layout="vertical"
                requiredMark={false}
                onFinish={(values) => signIn.mutate(values)}
                aria-label={t('auth.loginTitle')}
              >
                <Form.Item
                  label={t('auth.username')}
                  name="username"
                  rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
                >
                  <Input autoComplete="username" autoFocus />
                </Form.Item>
                <Form.Item
                  label={t('auth.password')}
                  name="password"
                  rules={[{ required: true, message: t('auth.passwordRequired') }]}
                >
                  <Input.Password autoComplete="current-password" />
                </Form.Item>
                {signIn.isError && (
                  <Alert
                    role="alert"
                    type={alertTypeFor(signIn.error)}
                    showIcon
                    title={errorText(signIn.error)}
                    style={{ marginBottom: 16 }}
                  />
                )}
                <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
                  {t('auth.login')}
                </Button>
              </Form>
            </Spin>
            {demoAccounts.data && demoAccounts.data.items.length > 0 && (
              <Collapse
                ghost
                size="small"
                style={{ marginTop: 16 }}
                items={[
                  {
                    key: 'demo',
                    label: t('auth.demoAccounts', { password: demoAccounts.data.password ?? '' }),
                    children: (
                      <Flex wrap gap={6}>
                        {demoAccounts.data.items.map((account) => (
                          <Tag
                            key={account.username}
                            title={`${account.displayName} · ${account.roleLabel}`}
                            style={{ cursor: 'pointer' }}
                            onClick={() => form.setFieldsValue({ username: account.username, password: demoAccounts.data.password ?? '' })}
                          >
                            {account.username}
                          </Tag>
                        ))}
                      </Flex>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Flex>
      </Layout.Content>
    </Layout>
  );
}
