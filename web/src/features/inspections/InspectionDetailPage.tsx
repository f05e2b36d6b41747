import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, List, Result, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../../app/api';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { Attachments } from '../attachments/Attachments';
import { useCurrentUser } from '../auth/currentUser';
import { isOfficeRole } from '../auth/roles';
import { IssuedDocuments } from '../documents/IssuedDocuments';
import { useInspection, type InspectionDetail } from './api';
import { InspectionActions } from './InspectionActions';
import { InspectionStatusTag } from './InspectionStatusTag';

type Finding = InspectionDetail['findings'][number];
type FieldRecord = InspectionDetail['records'][number];

/** 巡查详情: status, the team, field records, findings and handling recommendations, with the actions the user may take. */
export function InspectionDetailPage() {
  const { t, serverLabel } = useI18n();
  const { inspectionId } = useParams();
  const detail = useInspection(inspectionId);
  const user = useCurrentUser();

  if (detail.isPending) return <PageSpin />;
  if (detail.isError) {
    if (isNotFound(detail.error)) {
      return (
        <Result
          status="404"
          title={t('inspection.notFound')}
          extra={
            <Link to="/inspections">
              <Button>{t('inspection.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const { inspection, team, records, findings, recommendations, documents } = detail.data;

  const findingColumns = [
    { title: t('inspection.finding.category'), dataIndex: 'categoryLabel', width: 220 },
    {
      title: t('inspection.checklistItem'),
      dataIndex: 'checklistItem',
      width: 220,
      render: (item: Finding['checklistItem']) => (item ? `${item.code ?? ''} ${item.title ?? ''}` : t('common.none')),
    },
    { title: t('inspection.finding.description'), dataIndex: 'description' },
    { title: t('inspection.finding.evidence'), dataIndex: 'evidence', render: (text: string) => text || t('common.none') },
    {
      title: t('inspection.finding.severity'),
      dataIndex: 'severity',
      width: 90,
      render: (severity: Finding['severity']) => (
        <Tag color={severity === 'serious' ? 'red' : 'default'}>{t(`inspection.severity.${severity}`)}</Tag>
      ),
    },
    {
      title: t('inspection.deadline'),
      dataIndex: 'deadline',
      width: 120,
      render: (deadline: string | null) =>
        deadline ? <Link to={`/rectifications?inspectionId=${inspection.id}`}>{deadline}</Link> : t('common.none'),
    },
  ];

  const recordColumns = [
    { title: t('inspection.record.date'), dataIndex: 'recordDate', width: 110 },
    {
      title: t('inspection.record.method'),
      dataIndex: 'method',
      width: 130,
      render: (method: FieldRecord['method'], record: FieldRecord) => serverLabel(record.methodLabel, `method.${method}`),
    },
    { title: t('inspection.record.place'), dataIndex: 'place', width: 160 },
    { title: t('inspection.record.participants'), dataIndex: 'participants', width: 160 },
    { title: t('inspection.record.notes'), dataIndex: 'notes' },
    { title: t('inspection.record.by'), dataIndex: 'recordedByName', width: 140 },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span>{inspection.title}</span>
            <InspectionStatusTag status={inspection.status} label={inspection.statusLabel} />
          </Flex>
        }
        extra={<Link to="/inspections">{t('inspection.backToList')}</Link>}
      >
        <Flex vertical gap={16}>
          <InspectionActions inspection={inspection} />
          {inspection.rectificationDeadline && (
            <Alert
              type="warning"
              showIcon
              title={t('inspection.deadlineNotice', { date: inspection.feedbackDate ?? '', deadline: inspection.rectificationDeadline })}
            />
          )}
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'unit', label: t('inspection.unit'), children: inspection.assessmentUnitName },
              { key: 'year', label: t('inspection.year'), children: inspection.year },
              { key: 'reason', label: t('inspection.reason'), children: inspection.reason, span: 2 },
              ...(inspection.plan ? [{ key: 'plan', label: t('inspection.plan'), children: inspection.plan, span: 2 }] : []),
              {
                key: 'planned',
                label: t('inspection.plannedPeriod'),
                children: inspection.plannedStart ? `${inspection.plannedStart} ~ ${inspection.plannedEnd ?? ''}` : t('common.none'),
              },
              { key: 'proposer', label: t('inspection.proposedBy'), children: `${inspection.proposedByName} ${formatDateTime(inspection.createdAt)}` },
              {
                key: 'decision',
                label: t('inspection.decision'),
                children: inspection.decidedByName
                  ? `${inspection.decidedByName} ${formatDateTime(inspection.decidedAt)}${inspection.decisionNote ? `：${inspection.decisionNote}` : ''}`
                  : t('common.none'),
              },
              { key: 'feedbackDate', label: t('inspection.feedback.date'), children: inspection.feedbackDate ?? t('common.none') },
              ...(inspection.feedbackText
                ? [{ key: 'feedback', label: t('inspection.feedback.text'), children: inspection.feedbackText, span: 2 }]
                : []),
            ]}
          />
          <IssuedDocuments documents={documents} />
          {/* While the office prepares the feedback, the notice it will send, as a draft without a number. */}
          {inspection.status === 'report_submitted' && isOfficeRole(user.role) && (
            <div>
              <Button icon={<DownloadOutlined aria-hidden />} href={`/api/documents/inspections/${inspection.id}/rectification-notice.docx`} download>
                {t('inspection.noticeDraft')}
              </Button>
            </div>
          )}
        </Flex>
      </Card>

      <Card title={t('inspection.team')}>
        {team ? (
          <Flex vertical gap={8}>
            <Typography.Text strong>{team.name}</Typography.Text>
            <List
              size="small"
              dataSource={team.members}
              renderItem={(member) => (
                <List.Item>
                  <Flex gap={8} wrap>
                    <Tag color={member.role === 'leader' ? 'red' : 'default'}>
                      {serverLabel(member.roleLabel, `inspection.team.role.${member.role}`)}
                    </Tag>
                    <span>{member.name}</span>
                    <Typography.Text type="secondary">
                      {member.unitName} · {member.post} · {serverLabel(member.rankLabel, `rank.${member.rank}`)}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          </Flex>
        ) : (
          <Empty description={t('inspection.team.none')} />
        )}
      </Card>

      <Card title={t('inspection.findings')}>
        <Table rowKey="id" size="small" columns={findingColumns} dataSource={findings} pagination={false} locale={{ emptyText: t('inspection.findings.none') }} />
      </Card>

      {recommendations.length > 0 && (
        <Card title={t('inspection.recommendations')}>
          <List
            dataSource={recommendations}
            renderItem={(item) => (
              <List.Item>
                <List.Item.Meta title={item.problem} description={`${item.recommendation}（${item.issuedByName} ${formatDateTime(item.issuedAt)}）`} />
              </List.Item>
            )}
          />
        </Card>
      )}

      {(records.length > 0 || inspection.status === 'in_field') && (
        <Card title={t('inspection.records')}>
          <Table
            rowKey="id"
            size="small"
            columns={recordColumns}
            dataSource={records}
            pagination={false}
            // Each record's photos and documents (R-S6) open under it; the team adds them during field work.
            expandable={{
              defaultExpandAllRows: true,
              expandedRowRender: (record) => (
                <Attachments ownerType="inspection_record" ownerId={record.id} canUpload={inspection.actions.includes('addRecord')} />
              ),
            }}
          />
        </Card>
      )}

      {inspection.report && (
        <Card title={t('inspection.report')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{inspection.report}</Typography.Paragraph>
        </Card>
      )}
    </Flex>
  );
}
