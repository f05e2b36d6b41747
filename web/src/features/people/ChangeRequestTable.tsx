import { Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import type { ChangeRequest } from './api';
import { ChangeRequestActions } from './ChangeRequestActions';
import { ChangeRequestStatusTag } from './ChangeRequestStatusTag';
import { useChangeSummary } from './changeRequestText';

interface ChangeRequestTableProps {
  requests: ChangeRequest[];
  loading?: boolean;
  /** Off inside a person's own page, where the person is already known. */
  showPerson?: boolean;
  emptyText?: string;
}

/** Change requests with their status, decision and the actions the user may take. */
export function ChangeRequestTable({ requests, loading, showPerson = true, emptyText }: ChangeRequestTableProps) {
  const { t } = useI18n();
  const summary = useChangeSummary();

  const columns: TableColumnsType<ChangeRequest> = [
    ...(showPerson
      ? [
          {
            title: t('changeRequests.person'),
            dataIndex: 'personName',
            width: 110,
            render: (personName: string, request: ChangeRequest) => (
              <Link to={`/people/${request.personId}`}>{personName}</Link>
            ),
          },
        ]
      : []),
    { title: t('changeRequests.changes'), key: 'changes', render: (_value, request) => summary(request) },
    { title: t('changeRequests.reason'), dataIndex: 'reason', ellipsis: { showTitle: true } },
    {
      title: t('changeRequests.status'),
      dataIndex: 'status',
      width: 100,
      render: (_status, request) => <ChangeRequestStatusTag request={request} />,
    },
    {
      title: t('changeRequests.requestedBy'),
      dataIndex: 'requestedByName',
      width: 180,
      render: (name: string, request) => (
        <>
          <div>{name}</div>
          <Typography.Text type="secondary">{formatDateTime(request.createdAt)}</Typography.Text>
        </>
      ),
    },
    {
      title: t('changeRequests.decision'),
      key: 'decision',
      width: 200,
      render: (_value, request) =>
        request.decidedByName ? (
          <>
            <div>{t('changeRequests.decidedBy', { name: request.decidedByName, at: formatDateTime(request.decidedAt) })}</div>
            {request.decisionNote && (
              <Typography.Text type="secondary">{t('changeRequests.note', { note: request.decisionNote })}</Typography.Text>
            )}
          </>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_value, request) => <ChangeRequestActions request={request} />,
    },
  ];

  return (
    <Table<ChangeRequest>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={requests}
      loading={loading}
      locale={emptyText ? { emptyText } : undefined}
      pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
      scroll={{ x: 900 }}
    />
  );
}
