import { Card, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useVisibleSupervisions, type Supervision } from './api';

/** 督查工作: the supervisions this user may see — a team's own, or those of the user's county or unit once approved. */
export function SupervisionWorkPage() {
  const { t } = useI18n();
  const supervisions = useVisibleSupervisions();
  const columns: TableColumnsType<Supervision> = [
    { title: t('supervision.year'), dataIndex: 'year', width: 80 },
    { title: t('supervision.type'), dataIndex: 'typeLabel', width: 110 },
    { title: t('supervision.target'), key: 'target', width: 200, render: (_value, supervision) => supervision.target.name },
    { title: t('supervision.topic'), key: 'topic', render: (_value, supervision) => <Link to={`/supervisions/${supervision.id}`}>{supervision.topic}</Link> },
    { title: t('supervision.status'), dataIndex: 'statusLabel', width: 200, render: (label: string) => <Tag>{label}</Tag> },
    { title: t('supervision.result.deadline'), dataIndex: 'rectificationDeadline', width: 120, render: (deadline: string | null) => deadline ?? t('common.none') },
  ];
  return (
    <Card title={t('supervision.mine')}>
      {supervisions.isError && <QueryErrorAlert error={supervisions.error} onRetry={() => void supervisions.refetch()} />}
      <Table<Supervision>
        rowKey="id"
        columns={columns}
        dataSource={supervisions.data?.items ?? []}
        loading={supervisions.isFetching}
        locale={{ emptyText: t('supervision.mine.empty') }}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
      />
    </Card>
  );
}
