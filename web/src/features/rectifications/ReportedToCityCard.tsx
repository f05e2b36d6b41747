import { Card, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useEscalatedProblems, type EscalatedProblem } from './api';

/** Home-page card for 市委市政府 and the office: problems still unrectified a month after their deadline (督18). */
export function ReportedToCityCard() {
  const { t, serverLabel } = useI18n();
  const escalated = useEscalatedProblems(true);
  const columns: TableColumnsType<EscalatedProblem> = [
    { title: t('rectification.unit'), dataIndex: 'responsibleUnitName', width: 120 },
    { title: t('rectification.description'), dataIndex: 'description' },
    { title: t('rectification.deadline'), dataIndex: 'deadline', width: 110 },
    {
      title: t('rectification.overdueDays'),
      dataIndex: 'overdueDays',
      width: 100,
      render: (days: number) => <Tag color="red">{t('rectification.reportedToCity.days', { days })}</Tag>,
    },
    {
      title: t('rectification.status'),
      dataIndex: 'status',
      width: 170,
      render: (status: EscalatedProblem['status'], problem) => serverLabel(problem.statusLabel, `rectification.status.${status}`),
    },
  ];
  return (
    <Card title={t('rectification.reportedToCity.title')} extra={<Link to="/rectifications?escalated=2">{t('rectification.reportedToCity.open')}</Link>}>
      {escalated.isError && <QueryErrorAlert error={escalated.error} onRetry={() => void escalated.refetch()} />}
      <Table<EscalatedProblem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={escalated.data?.items ?? []}
        loading={escalated.isFetching}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rectification.reportedToCity.empty')} /> }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
      />
    </Card>
  );
}
