import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, List, Result, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { isOfficeRole } from '../auth/roles';
import { useCurrentUser } from '../auth/currentUser';
import { Attachments } from '../attachments/Attachments';
import { IssuedDocuments } from '../documents/IssuedDocuments';
import { supervisionReportDocxUrl, supervisionResultNoticeDocxUrl, useSupervision, type SupervisionDetail } from './api';
import { SupervisionActions } from './SupervisionActions';
import { WorkingPaperButton } from './WorkingPaperForms';

type Visit = SupervisionDetail['visits'][number];
type FieldRecord = SupervisionDetail['records'][number];
type Finding = SupervisionDetail['findings'][number];

/**
 * 督查详情 (督7–12): the team, the visit schedule (unannounced visits marked as sealed for the team
 * and the office; the supervised unit never receives them), field records with their attachments,
 * findings, the report and the result notification — each with the actions the server allows now.
 */
export function SupervisionDetailPage() {
  const { t, serverLabel } = useI18n();
  const user = useCurrentUser();
  const { supervisionId } = useParams();
  const detail = useSupervision(supervisionId);
  const backPath = isOfficeRole(user.role) ? '/supervisions' : '/supervision-work';

  if (detail.isPending) return <PageSpin />;
  if (detail.isError) {
    if (isNotFound(detail.error)) {
      return (
        <Result
          status="404"
          title={t('supervision.notFound')}
          extra={
            <Link to={backPath}>
              <Button>{t('supervision.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const { supervision, team, visits, records, findings, documents } = detail.data;
  const can = (action: (typeof supervision.actions)[number]) => supervision.actions.includes(action);
  const isSupervised = user.role === 'county_user' || user.role === 'assist_unit_user';

  const visitColumns: TableColumnsType<Visit> = [
    { title: t('supervision.visit.plannedOn'), dataIndex: 'plannedOn', width: 120 },
    {
      title: t('supervision.visit.method'),
      key: 'method',
      width: 150,
      render: (_value, visit) => serverLabel(visit.methodLabel, `method.${visit.method}`),
    },
    {
      title: t('supervision.visit.target'),
      key: 'target',
      render: (_value, visit) => (
        <Space wrap size={4}>
          <span>{visit.targetDescription}</span>
          {visit.targetRegionName && <Typography.Text type="secondary">（{visit.targetRegionName}）</Typography.Text>}
          {visit.isSealed && <Tag color="red">{t('supervision.visit.sealed')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('supervision.status'),
      key: 'state',
      width: 220,
      render: (_value, visit) =>
        visit.recordId !== null ? (
          <Tag color="green">{t('supervision.visit.recorded', { date: visit.recordDate ?? '' })}</Tag>
        ) : visit.canRecord ? (
          <WorkingPaperButton supervision={supervision} kind="recordVisit" visitId={visit.id} label={t('supervision.visit.record')} />
        ) : (
          <Tag>{t('supervision.visit.pending')}</Tag>
        ),
    },
  ];

  const recordColumns: TableColumnsType<FieldRecord> = [
    { title: t('supervision.record.date'), dataIndex: 'recordDate', width: 110 },
    {
      title: t('supervision.record.method'),
      key: 'method',
      width: 140,
      render: (_value, record) => serverLabel(record.methodLabel, `method.${record.method}`),
    },
    { title: t('supervision.record.place'), dataIndex: 'place', width: 160 },
    { title: t('supervision.record.participants'), dataIndex: 'participants', width: 160 },
    { title: t('supervision.record.notes'), dataIndex: 'notes' },
    {
      title: t('supervision.record.checklistItem'),
      key: 'item',
      width: 180,
      render: (_value, record) => (record.checklistItem ? `${record.checklistItem.code ?? ''} ${record.checklistItem.title ?? ''}` : t('common.none')),
    },
    { title: t('supervision.record.by'), dataIndex: 'recordedByName', width: 140 },
  ];

  const findingColumns: TableColumnsType<Finding> = [
    { title: t('supervision.finding.category'), dataIndex: 'categoryLabel', width: 200 },
    {
      title: t('supervision.finding.item'),
      key: 'item',
      width: 220,
      render: (_value, finding) => (finding.checklistItem ? `${finding.checklistItem.code ?? ''} ${finding.checklistItem.title ?? ''}` : t('common.none')),
    },
    { title: t('supervision.finding.description'), dataIndex: 'description' },
    { title: t('supervision.finding.evidence'), dataIndex: 'evidence', render: (text: string) => text || t('common.none') },
    { title: t('supervision.finding.requirement'), dataIndex: 'requirement', render: (text: string) => text || t('common.none') },
    {
      title: t('supervision.finding.severity'),
      dataIndex: 'severity',
      width: 90,
      render: (severity: Finding['severity']) => <Tag color={severity === 'serious' ? 'red' : 'default'}>{t(`supervision.finding.severity.${severity}`)}</Tag>,
    },
    {
      title: t('supervision.finding.deadline'),
      dataIndex: 'deadline',
      width: 120,
      render: (deadline: string | null) => (deadline ? <Link to="/rectifications?source=supervision">{deadline}</Link> : t('common.none')),
    },
  ];

  const tabs = [
    {
      key: 'team',
      label: t('supervision.tab.team'),
      children:
        team.length > 0 ? (
          <List
            size="small"
            dataSource={team}
            renderItem={(member) => (
              <List.Item>
                <Flex gap={8} wrap>
                  <Tag color={member.role === 'leader' ? 'red' : 'default'}>{serverLabel(member.roleLabel, `supervision.team.${member.role === 'leader' ? 'leader' : 'members'}`)}</Tag>
                  <span>{member.name}</span>
                  <Typography.Text type="secondary">
                    {member.unitName} · {member.post}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Empty description={t('supervision.team.none')} />
        ),
    },
    {
      key: 'visits',
      label: t('supervision.tab.visits'),
      children: (
        <Flex vertical gap={12}>
          {can('planVisit') && (
            <div>
              <WorkingPaperButton supervision={supervision} kind="planVisit" label={t('supervision.action.planVisit')} />
            </div>
          )}
          <Table<Visit> rowKey="id" size="small" columns={visitColumns} dataSource={visits} pagination={false} locale={{ emptyText: t('supervision.visit.none') }} />
        </Flex>
      ),
    },
    ...(isSupervised
      ? []
      : [
          {
            key: 'records',
            label: t('supervision.tab.records'),
            children: (
              <Flex vertical gap={12}>
                {can('addRecord') && (
                  <div>
                    <WorkingPaperButton supervision={supervision} kind="addRecord" label={t('supervision.action.addRecord')} />
                  </div>
                )}
                <Table<FieldRecord>
                  rowKey="id"
                  size="small"
                  columns={recordColumns}
                  dataSource={records}
                  pagination={false}
                  locale={{ emptyText: t('supervision.record.none') }}
                  // Each record's photos and documents (R-S6) open under it; the team adds them during field work.
                  expandable={{
                    defaultExpandAllRows: true,
                    expandedRowRender: (record) => <Attachments ownerType="supervision_record" ownerId={record.id} canUpload={can('addRecord')} />,
                  }}
                />
              </Flex>
            ),
          },
        ]),
    {
      key: 'findings',
      label: t('supervision.tab.findings'),
      children: (
        <Flex vertical gap={12}>
          {can('recordFinding') && (
            <div>
              <WorkingPaperButton supervision={supervision} kind="recordFinding" label={t('supervision.action.recordFinding')} />
            </div>
          )}
          <Table<Finding> rowKey="id" size="small" columns={findingColumns} dataSource={findings} pagination={false} locale={{ emptyText: t('supervision.finding.none') }} />
        </Flex>
      ),
    },
    {
      key: 'report',
      label: t('supervision.tab.report'),
      children: isSupervised ? (
        <Alert type="info" showIcon title={t('supervision.record.papersHidden')} />
      ) : (
        <Flex vertical gap={12}>
          <Space wrap>
            <SupervisionActions supervision={supervision} only={['submitReport']} />
            {supervision.report && (
              <Button icon={<DownloadOutlined aria-hidden />} href={supervisionReportDocxUrl(supervision.id)}>
                {t('supervision.report.docx')}
              </Button>
            )}
          </Space>
          {supervision.report ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{supervision.report}</Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">{t('supervision.report.none')}</Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'result',
      label: t('supervision.tab.result'),
      children: (
        <Flex vertical gap={12}>
          <Space wrap>
            <SupervisionActions supervision={supervision} only={['notifyResult']} />
            {supervision.resultNotifiedOn && isOfficeRole(user.role) && (
              <Button icon={<DownloadOutlined aria-hidden />} href={supervisionResultNoticeDocxUrl(supervision.id)}>
                {t('supervision.result.docx')}
              </Button>
            )}
          </Space>
          {supervision.resultNotifiedOn ? (
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'on', label: t('supervision.result.notifiedOn'), children: supervision.resultNotifiedOn },
                { key: 'deadline', label: t('supervision.result.deadline'), children: supervision.rectificationDeadline ?? t('common.none') },
                { key: 'by', label: t('supervision.result.by'), children: supervision.resultNotifiedByName ?? t('common.none') },
                { key: 'text', label: t('supervision.result.text'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{supervision.resultText}</span> },
              ]}
            />
          ) : (
            <Typography.Text type="secondary">{t('supervision.result.none')}</Typography.Text>
          )}
          <IssuedDocuments documents={documents} />
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span>{supervision.topic}</span>
            <Tag>{supervision.statusLabel}</Tag>
          </Flex>
        }
        extra={<Link to={backPath}>{t('supervision.backToList')}</Link>}
      >
        <Flex vertical gap={16}>
          <SupervisionActions supervision={supervision} only={['approve', 'formTeam', 'startFieldWork', 'close']} />
          {supervision.resultNotifiedOn && supervision.rectificationDeadline && (
            <Alert type="warning" showIcon title={t('supervision.result.notice', { date: supervision.resultNotifiedOn, deadline: supervision.rectificationDeadline })} />
          )}
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'type', label: t('supervision.type'), children: supervision.typeLabel },
              { key: 'target', label: t('supervision.target'), children: supervision.target.name },
              { key: 'year', label: t('supervision.year'), children: supervision.year },
              {
                key: 'planned',
                label: t('supervision.plannedPeriod'),
                children: supervision.plannedStart ? `${supervision.plannedStart} ~ ${supervision.plannedEnd ?? ''}` : t('common.none'),
              },
            ]}
          />
        </Flex>
      </Card>
      <Card>
        <Tabs items={tabs} />
      </Card>
    </Flex>
  );
}
