import { Card, Descriptions, Flex, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useCurrentUser } from '../features/auth/currentUser';
import { isOfficeRole } from '../features/auth/roles';
import { ReportedToCityCard } from '../features/rectifications/ReportedToCityCard';
import { TodoCard } from '../features/todos/TodoCard';
import { useI18n } from './i18n';
import { PageSpin } from './PageSpin';

// echarts is large: it is fetched only when the chart is about to show.
const RegionCountsChart = lazy(async () => ({
  default: (await import('../features/regions/RegionCountsChart')).RegionCountsChart,
}));

/** 首页: who the user is, what waits on them, and the region overview chart. */
export function HomePage() {
  const { t, serverLabel } = useI18n();
  const user = useCurrentUser();
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'role', label: t('home.role'), children: serverLabel(user.roleLabel, `role.${user.role}`) },
            { key: 'scope', label: t('home.scope'), children: user.scope.name },
          ]}
        />
      </Card>
      <TodoCard />
      {/* 督18: problems reported to 市委市政府, for the city leaders and the office that reports them. */}
      {(user.role === 'city_leader' || isOfficeRole(user.role)) && <ReportedToCityCard />}
      <Card title={user.scope.kind === 'town' ? t('home.townChartTitle') : t('home.chartTitle')}>
        <Suspense fallback={<PageSpin />}>
          <RegionCountsChart />
        </Suspense>
      </Card>
    </Flex>
  );
}
