import { Button, Card, Flex, Form, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useCurrentUser } from '../auth/currentUser';
import { isOfficeRole } from '../auth/roles';
import { inspectionStatuses, useInspections, type Inspection, type InspectionStatus } from './api';
import { InspectionStatusTag } from './InspectionStatusTag';
import { ProposeInspectionModal } from './ProposeInspectionModal';

/** 巡查: the inspections the user may see, filtered by status; the office proposes new ones here. */
export function InspectionsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = inspectionStatuses.find((value) => value === statusParam);
  const inspections = useInspections(status);
  const [proposeOpen, setProposeOpen] = useState(false);

  const columns: TableColumnsType<Inspection> = [
    { title: t('inspection.year'), dataIndex: 'year', width: 80 },
    {
      title: t('inspection.titleField'),
      dataIndex: 'title',
      render: (title: string, inspection) => (
        <Link to={`/inspections/${inspection.id}`} onClick={(event) => event.stopPropagation()}>
          {title}
        </Link>
      ),
    },
    { title: t('inspection.unit'), dataIndex: 'assessmentUnitName', width: 120 },
    {
      title: t('inspection.status'),
      dataIndex: 'status',
      width: 200,
      render: (_status, inspection) => <InspectionStatusTag status={inspection.status} label={inspection.statusLabel} />,
    },
    { title: t('inspection.problemCount'), dataIndex: 'problemCount', width: 100 },
    {
      title: t('inspection.deadline'),
      dataIndex: 'rectificationDeadline',
      width: 130,
      render: (deadline: string | null) => deadline ?? t('common.none'),
    },
  ];

  return (
    <Card
      title={t('nav.inspections')}
      extra={
        isOfficeRole(user.role) && (
          <Button type="primary" onClick={() => setProposeOpen(true)}>
            {t('inspection.propose')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Form layout="inline">
          <Form.Item label={t('inspection.status')} htmlFor="inspection-status">
            <Select<InspectionStatus | undefined>
              id="inspection-status"
              value={status}
              allowClear
              placeholder={t('common.all')}
              style={{ width: 220 }}
              onChange={(value) => setSearchParams(value ? { status: value } : {}, { replace: true })}
              options={inspectionStatuses.map((value) => ({ value, label: t(`inspection.status.${value}`) }))}
            />
          </Form.Item>
        </Form>
        {inspections.isError && <QueryErrorAlert error={inspections.error} onRetry={() => void inspections.refetch()} />}
        <Table<Inspection>
          rowKey="id"
          columns={columns}
          dataSource={inspections.data?.items ?? []}
          loading={inspections.isFetching}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
          onRow={(inspection) => ({
            onClick: () => void navigate(`/inspections/${inspection.id}`),
            style: { cursor: 'pointer' },
          })}
        />
      </Flex>
      <ProposeInspectionModal open={proposeOpen} onClose={() => setProposeOpen(false)} />
    </Card>
  );
}
