import { Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useTodos } from './api';

/** 我的待办: one line per workflow state in which records wait on this user, with the actions they may take and a link to the list. */
export function TodoCard() {
  const { t } = useI18n();
  const todos = useTodos();
  const items = todos.data?.items ?? [];
  return (
    <Card
      title={t('todo.title')}
      extra={todos.data && todos.data.total > 0 && <Typography.Text type="secondary">{t('todo.total', { n: todos.data.total })}</Typography.Text>}
    >
      {todos.isError && <QueryErrorAlert error={todos.error} onRetry={() => void todos.refetch()} />}
      <List
        loading={todos.isPending}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todo.none')} /> }}
        renderItem={(item) => (
          <List.Item
            key={`${item.entityType}-${item.status}`}
            actions={[
              <Link key="open" to={item.link}>
                <Button size="small" type="primary" ghost>
                  {t('todo.open')}
                </Button>
              </Link>,
            ]}
          >
            <List.Item.Meta
              avatar={<Badge count={item.count} overflowCount={999} color="#b71c1c" />}
              title={`${item.entityLabel}：${item.statusLabel}`}
              description={
                <Space size={4} wrap>
                  {item.actions.map((action) => (
                    <Tag key={action}>{action}</Tag>
                  ))}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
