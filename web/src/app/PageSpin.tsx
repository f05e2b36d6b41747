import { Flex, Spin } from 'antd';
import { useI18n } from './i18n';

/** A centred spinner for a page (or the whole app) that is still loading. */
export function PageSpin({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useI18n();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? '100vh' : 240 }}>
      <Spin size="large" aria-label={t('app.loading')} />
    </Flex>
  );
}
