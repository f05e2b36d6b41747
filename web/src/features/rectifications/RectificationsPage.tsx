import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Form, Popconfirm, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { Role } from '../auth/api';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { Attachments } from '../attachments/Attachments';
import { useCurrentUser } from '../auth/currentUser';
import { isOfficeRole } from '../auth/roles';
import { useDisclosures } from '../disclosures/api';
import { DisclosureButton } from '../disclosures/DisclosureButton';
import { TransferButton } from '../transfers/TransferButton';
import { useAssessmentUnits } from '../regions/api';
import { useErrorText } from '../../app/errorText';
import {
  escalateOverdueProblems,
  escalationLevels,
  ledgerWorkbookUrl,
  problemStatuses,
  rectificationKeys,
  useLedger,
  useLedgerSummary,
  type EscalationLevel,
  type LedgerFilter,
  type LedgerSummaryRow,
  type Problem,
  type ProblemStatus,
} from './api';
import { RectificationActions } from './RectificationActions';

const summaryReaders: readonly Role[] = ['office_admin', 'office_staff', 'city_leader', 'leading_group', 'org_dept'];

const statusColors: Record<ProblemStatus, string> = {
  open: 'gold',
  in_progress: 'processing',
  reported: 'purple',
  verified: 'success',
  returned: 'error',
  extension_requested: 'orange',
  extension_granted: 'cyan',
  transferred: 'default',
};

function readFilter(searchParams: URLSearchParams): LedgerFilter {
  const status = problemStatuses.find((value) => value === searchParams.get('status'));
  const escalated = escalationLevels.find((value) => String(value) === searchParams.get('escalated'));
  return {
    ...(searchParams.get('unitCode') ? { unitCode: searchParams.get('unitCode') ?? '' } : {}),
    ...(searchParams.get('unitId') ? { unitId: searchParams.get('unitId') ?? '' } : {}),
    ...(status ? { status } : {}),
    ...(searchParams.get('overdue') === 'true' ? { overdue: true } : {}),
    ...(searchParams.get('inspectionId') ? { inspectionId: searchParams.get('inspectionId') ?? '' } : {}),
    ...(escalated ? { escalated } : {}),
  };
}

/** The unit picker's value: an assessment unit's code, or `unit-<id>` for an assistance unit. */
function unitValueOf(row: LedgerSummaryRow): string {
  return row.unitCode ?? `unit-${row.unitId}`;
}

function unitFilterOf(value: string | undefined): Pick<LedgerFilter, 'unitCode' | 'unitId'> {
  if (!value) return { unitCode: undefined, unitId: undefined };
  return value.startsWith('unit-') ? { unitCode: undefined, unitId: value.slice('unit-'.length) } : { unitCode: value, unitId: undefined };
}

const escalationColors: Record<EscalationLevel, string> = { 1: 'volcano', 2: 'red' };

/** 督18: 逾期督办 / 已报市委市政府, shown only while the problem is unresolved (the server sends no label after that). */
function EscalationTag({ level, label }: { level: number; label: string | null }) {
  const { serverLabel } = useI18n();
  if (label === null || (level !== 1 && level !== 2)) return null;
  return <Tag color={escalationColors[level]}>{serverLabel(label, `rectification.escalation.${level}`)}</Tag>;
}

/** The office's 「立即检查逾期」 button: runs the escalation now and reports how many problems moved. */
function EscalateNowButton() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: escalateOverdueProblems,
    onSuccess: ({ escalated }) => {
      void message.success(t('rectification.escalateDone', { level1: escalated.level1, level2: escalated.level2 }));
      void queryClient.invalidateQueries({ queryKey: rectificationKeys.all });
    },
    onError: (error) => void message.error(errorText(error)),
  });
  return (
    <Popconfirm title={t('rectification.escalateNow')} description={t('rectification.escalateConfirm')} onConfirm={() => run.mutate()} okText={t('common.ok')} cancelText={t('common.cancel')}>
      <Button danger loading={run.isPending}>
        {t('rectification.escalateNow')}
      </Button>
    </Popconfirm>
  );
}

function Countdown({ problem }: { problem: Problem }) {
  const { t } = useI18n();
  if (problem.isFixed) return <Tag color="success">{t('rectification.fixed')}</Tag>;
  // Transferred: the discipline bodies have it; reported: the office's turn, with how long it has waited.
  if (problem.status === 'transferred') return <Tag>{t('rectification.transferredTag')}</Tag>;
  if (problem.awaitingVerificationDays !== null) return <Tag color="processing">{t('rectification.awaitingVerification', { days: problem.awaitingVerificationDays })}</Tag>;
  if (problem.daysLeft === null) return <Typography.Text type="secondary">{t('rectification.notNotified')}</Typography.Text>;
  if (problem.isOverdue) return <Tag color="error">{t('rectification.overdueBy', { days: -problem.daysLeft })}</Tag>;
  return <Tag color={problem.daysLeft <= 7 ? 'warning' : 'blue'}>{t('rectification.daysLeft', { days: problem.daysLeft })}</Tag>;
}

function ProblemDetails({ problem }: { problem: Problem }) {
  const { t } = useI18n();
  const none = t('common.none');
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'requirement', label: t('rectification.requirement'), children: problem.requirement || none },
        { key: 'evidenceFound', label: t('rectification.findingEvidence'), children: problem.evidence || none },
        { key: 'notified', label: t('rectification.notifiedOn'), children: problem.notifiedOn ?? none },
        ...(problem.escalatedAt
          ? [{ key: 'escalated', label: t('rectification.escalatedAt'), children: `${formatDateTime(problem.escalatedAt)}（${t(`rectification.escalation.${problem.escalationLevel === 2 ? 2 : 1}`)}）` }]
          : []),
        { key: 'measures', label: t('rectification.measures'), children: problem.measures ?? none },
        { key: 'evidence', label: t('rectification.evidence'), children: problem.rectificationEvidence ?? none },
        { key: 'reported', label: t('rectification.reportedAt'), children: formatDateTime(problem.reportedAt) || none },
        // Photos and documents as evidence (R-S6): the county adds them until it reports, the office when verifying; the server decides who may.
        { key: 'attachments', label: t('attachment.evidenceTitle'), children: <Attachments ownerType="problem" ownerId={problem.id} canUpload /> },
        ...(problem.returnReason ? [{ key: 'return', label: t('rectification.returnReason'), children: problem.returnReason }] : []),
        ...(problem.requestedDeadline
          ? [{ key: 'ext', label: t('rectification.requestedDeadline'), children: `${problem.requestedDeadline}（${problem.extensionReason ?? ''}）` }]
          : []),
        ...(problem.verifiedAt
          ? [
              {
                key: 'verified',
                label: t('rectification.verifiedBy'),
                children: `${problem.verifiedByName ?? ''} ${formatDateTime(problem.verifiedAt)}${problem.verificationNote ? `：${problem.verificationNote}` : ''}`,
              },
            ]
          : []),
      ]}
    />
  );
}

/** 整改台账: one ledger of problems with deadline countdowns; the county reports rectification, the office verifies or returns. */
export function RectificationsPage() {
  const { t, serverLabel } = useI18n();
  const user = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readFilter(searchParams);
  const canSeeSummary = summaryReaders.includes(user.role);
  const ledger = useLedger(filter);
  const summary = useLedgerSummary(canSeeSummary);
  const units = useAssessmentUnits(undefined);
  const isOffice = isOfficeRole(user.role);
  const disclosures = useDisclosures(isOffice);

  const updateFilter = (change: Partial<LedgerFilter>) => {
    const next = { ...filter, ...change };
    const params = new URLSearchParams();
    if (next.unitCode) params.set('unitCode', next.unitCode);
    if (next.unitId) params.set('unitId', next.unitId);
    if (next.status) params.set('status', next.status);
    if (next.overdue) params.set('overdue', 'true');
    if (next.inspectionId) params.set('inspectionId', next.inspectionId);
    if (next.escalated) params.set('escalated', String(next.escalated));
    setSearchParams(params, { replace: true });
  };

  const columns: TableColumnsType<Problem> = [
    { title: t('rectification.unit'), dataIndex: 'responsibleUnitName', width: 110 },
    {
      title: t('rectification.source'),
      dataIndex: 'source',
      width: 150,
      ellipsis: true,
      render: (_source, problem) =>
        problem.inspectionId ? (
          <Link to={`/inspections/${problem.inspectionId}`}>{problem.inspectionTitle}</Link>
        ) : problem.supervisionId ? (
          <Link to={`/supervisions/${problem.supervisionId}`}>{problem.supervisionTopic}</Link>
        ) : (
          serverLabel(problem.sourceLabel, `rectification.source.${problem.source}`)
        ),
    },
    { title: t('rectification.category'), dataIndex: 'categoryLabel', width: 150, ellipsis: true },
    // The full text opens with the row; the table keeps to the card's width.
    { title: t('rectification.description'), dataIndex: 'description', width: 240, ellipsis: { showTitle: true } },
    // What decides what to do next stays in view on the right, however wide the rest.
    { title: t('rectification.deadline'), dataIndex: 'deadline', width: 110, fixed: 'right', render: (deadline: string | null) => deadline ?? t('common.none') },
    {
      title: t('rectification.countdown'),
      key: 'countdown',
      width: 150,
      fixed: 'right',
      render: (_value, problem) => (
        <Flex vertical gap={4} align="start">
          <Countdown problem={problem} />
          <EscalationTag level={problem.escalationLevel} label={problem.escalationLabel} />
        </Flex>
      ),
    },
    {
      title: t('rectification.status'),
      dataIndex: 'status',
      width: 150,
      fixed: 'right',
      render: (status: ProblemStatus, problem) => (
        <Tag color={statusColors[status]}>{serverLabel(problem.statusLabel, `rectification.status.${status}`)}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      fixed: 'right',
      render: (_value, problem) => (
        <Flex gap={8} wrap align="center">
          <RectificationActions problem={problem} />
          {/* 督17: referral to the discipline bodies; R-I8: the disclosure decision once verified. */}
          {isOffice && problem.status !== 'verified' && problem.status !== 'transferred' && (
            <TransferButton problemId={problem.id} description={problem.description} />
          )}
          {isOffice && problem.status === 'verified' && <DisclosureButton problemId={problem.id} current={disclosures.data?.get(problem.id)} />}
        </Flex>
      ),
    },
  ];

  const summaryColumns: TableColumnsType<LedgerSummaryRow> = [
    { title: t('rectification.unit'), dataIndex: 'unitName' },
    { title: t('rectification.summary.total'), dataIndex: 'total' },
    { title: t('rectification.summary.notNotified'), dataIndex: 'notNotified' },
    { title: t('rectification.summary.unresolved'), dataIndex: 'unresolved' },
    { title: t('rectification.summary.awaiting'), dataIndex: 'awaitingVerification' },
    {
      title: t('rectification.summary.overdue'),
      dataIndex: 'overdue',
      render: (overdue: number) => (overdue > 0 ? <Tag color="error">{overdue}</Tag> : overdue),
    },
    { title: t('rectification.summary.verified'), dataIndex: 'verified' },
    {
      title: t('rectification.summary.escalated'),
      dataIndex: 'escalated',
      render: (escalated: number) => (escalated > 0 ? <Tag color="volcano">{escalated}</Tag> : escalated),
    },
    {
      title: t('rectification.summary.reportedToCity'),
      dataIndex: 'reportedToCity',
      render: (reported: number) => (reported > 0 ? <Tag color="red">{reported}</Tag> : reported),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {canSeeSummary && (
        <Card title={t('rectification.summary.title')}>
          {summary.isError && <QueryErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
          <Table<LedgerSummaryRow>
            rowKey={(row) => row.unitCode ?? `unit-${row.unitId}`}
            size="small"
            columns={summaryColumns}
            dataSource={summary.data?.items ?? []}
            loading={summary.isFetching}
            pagination={false}
            onRow={(row) => ({ onClick: () => updateFilter(unitFilterOf(unitValueOf(row))), style: { cursor: 'pointer' } })}
          />
        </Card>
      )}
      <Card
        title={t('nav.rectifications')}
        extra={
          <Flex gap={12} align="center">
            {ledger.data && <Typography.Text type="secondary">{t('rectification.today', { date: ledger.data.today })}</Typography.Text>}
            {/* The ledger as the office files it: the same scope and filters, as XLSX. */}
            <Button icon={<DownloadOutlined aria-hidden />} href={ledgerWorkbookUrl(filter)} download>
              {t('rectification.export')}
            </Button>
            {isOffice && <EscalateNowButton />}
          </Flex>
        }
      >
        <Flex vertical gap={16}>
          <Form layout="inline" style={{ rowGap: 8 }}>
            {canSeeSummary && (
              <Form.Item label={t('rectification.unit')} htmlFor="ledger-unit">
                <Select<string | undefined>
                  id="ledger-unit"
                  value={filter.unitCode ?? (filter.unitId ? `unit-${filter.unitId}` : undefined)}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('common.all')}
                  style={{ width: 220 }}
                  onChange={(value) => updateFilter(unitFilterOf(value))}
                  options={[
                    ...(units.data?.items ?? []).map((unit) => ({ value: unit.code, label: unit.name })),
                    ...(summary.data?.items ?? [])
                      .filter((row) => row.kind === 'assistance_unit')
                      .map((row) => ({ value: unitValueOf(row), label: row.unitName })),
                  ]}
                />
              </Form.Item>
            )}
            <Form.Item label={t('rectification.status')} htmlFor="ledger-status">
              <Select<ProblemStatus | undefined>
                id="ledger-status"
                value={filter.status}
                allowClear
                placeholder={t('common.all')}
                style={{ width: 200 }}
                onChange={(status) => updateFilter({ status })}
                options={problemStatuses.map((status) => ({ value: status, label: t(`rectification.status.${status}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('rectification.onlyOverdue')} htmlFor="ledger-overdue">
              <Switch id="ledger-overdue" checked={filter.overdue ?? false} onChange={(overdue) => updateFilter({ overdue: overdue || undefined })} />
            </Form.Item>
            <Form.Item label={t('rectification.escalationFilter')} htmlFor="ledger-escalated">
              <Select<EscalationLevel | undefined>
                id="ledger-escalated"
                value={filter.escalated}
                allowClear
                placeholder={t('common.all')}
                style={{ width: 160 }}
                onChange={(escalated) => updateFilter({ escalated })}
                options={escalationLevels.map((level) => ({ value: level, label: t(`rectification.escalation.${level}`) }))}
              />
            </Form.Item>
          </Form>
          {ledger.isError && <QueryErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />}
          <Table<Problem>
            rowKey="id"
            columns={columns}
            dataSource={ledger.data?.items ?? []}
            loading={ledger.isFetching}
            expandable={{ expandedRowRender: (problem) => <ProblemDetails problem={problem} /> }}
            scroll={{ x: 1300 }}
            pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
