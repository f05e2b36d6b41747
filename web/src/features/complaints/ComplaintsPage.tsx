import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Drawer, Flex, Form, Input, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { withQuery } from '../../app/api';
import { FormModal } from '../../app/FormModal';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { isOfficeRole } from '../auth/roles';
import { useCurrentUser } from '../auth/currentUser';
import { useAssessmentUnits } from '../regions/api';
import {
  actOnComplaint,
  complaintChannels,
  complaintKeys,
  complaintStatuses,
  recordComplaint,
  useComplaints,
  type Complaint,
  type ComplaintChannel,
  type ComplaintFilter,
  type ComplaintStatus,
  type StaffAction,
} from './api';
import { CountyViewNotice } from './CountyViewNotice';
import { HouseholdSelect, InspectionSelect, ProblemSelect } from './LinkPickers';
import { toComplaintInput } from './PublicComplaintPage';
import { RegionPicker } from '../regions/RegionPicker';

const statusColors: Record<ComplaintStatus, string> = {
  submitted: 'gold',
  accepted: 'processing',
  not_accepted: 'default',
  assigned: 'blue',
  answered: 'purple',
  confirmed: 'success',
  reopened: 'error',
};

const problemCategories = ['work_style', 'project_funds', 'identification_exit', 'discipline_complaints'] as const;
const categoryLabels: Record<(typeof problemCategories)[number], string> = {
  work_style: '干部工作作风问题',
  project_funds: '扶贫项目资金管理使用问题',
  identification_exit: '贫困村和贫困人口识别、退出问题',
  discipline_complaints: '违纪违规问题及群众反映强烈的突出问题',
};

function readFilter(searchParams: URLSearchParams): ComplaintFilter {
  const status = complaintStatuses.find((value) => value === searchParams.get('status'));
  const channel = complaintChannels.find((value) => value === searchParams.get('channel'));
  return {
    ...(status ? { status } : {}),
    ...(channel ? { channel } : {}),
    ...(searchParams.get('unitCode') ? { unitCode: searchParams.get('unitCode') ?? '' } : {}),
    ...(searchParams.get('q') ? { q: searchParams.get('q') ?? '' } : {}),
  };
}

type ActionValues = Record<string, string | number | undefined>;

function ActionFields({ action, complaint }: { action: StaffAction; complaint: Complaint }) {
  const { t } = useI18n();
  const units = useAssessmentUnits(undefined);
  const unitOptions = (units.data?.items ?? []).map((unit) => ({ value: unit.code, label: unit.name }));
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];
  switch (action) {
    case 'accept':
      return (
        <Form.Item label={t('complaint.decisionReason')} name="note" extra={<CountyViewNotice complaintId={complaint.id} field="note" />}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      );
    case 'reject':
      return (
        <Form.Item label={t('complaint.decisionReason')} name="reason" rules={required('complaint.reasonRequired')} extra={<CountyViewNotice complaintId={complaint.id} field="reason" />}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'assign':
      return (
        <Form.Item label={t('complaint.assignedUnit')} name="unitCode" initialValue={complaint.suggestedUnitCode ?? undefined} rules={[{ required: true, message: t('complaint.unitRequired') }]}>
          <Select options={unitOptions} />
        </Form.Item>
      );
    case 'answer':
      return (
        <Form.Item label={t('complaint.answer')} name="answer" rules={required('complaint.answerRequired')} extra={<CountyViewNotice complaintId={complaint.id} field="answer" />}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
      );
    case 'link':
      return (
        <>
          <Form.Item label={t('complaint.household')} name="householdId" htmlFor="link-household" initialValue={complaint.household?.id}>
            <HouseholdSelect id="link-household" linked={complaint.household} />
          </Form.Item>
          <Form.Item label={t('complaint.village')} name="villageCode" htmlFor="link-village" initialValue={complaint.village?.code}>
            <RegionPicker id="link-village" villagesOnly placeholder={t('complaint.villagePlaceholder')} />
          </Form.Item>
          <Form.Item label={t('complaint.problem')} name="problemId" htmlFor="link-problem" initialValue={complaint.problem?.id}>
            <ProblemSelect id="link-problem" complaint={complaint} />
          </Form.Item>
          <Form.Item label={t('complaint.inspection')} name="inspectionId" htmlFor="link-inspection" initialValue={complaint.inspection?.id}>
            <InspectionSelect id="link-inspection" complaint={complaint} />
          </Form.Item>
        </>
      );
    case 'createProblem':
      return (
        <>
          <Form.Item label={t('complaint.problemCategory')} name="category" initialValue="discipline_complaints" rules={[{ required: true, message: t('complaint.requiredField') }]}>
            <Select options={problemCategories.map((value) => ({ value, label: categoryLabels[value] }))} />
          </Form.Item>
          <Form.Item
            label={t('complaint.problemDescription')}
            name="description"
            initialValue={complaint.subject}
            rules={required('complaint.requiredField')}
            extra={<CountyViewNotice complaintId={complaint.id} field="description" />}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item label={t('complaint.problemRequirement')} name="requirement" rules={required('complaint.requiredField')} extra={<CountyViewNotice complaintId={complaint.id} field="requirement" />}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
  }
}

/** Turns the form into the body of an action: blanks dropped; for links a cleared field unlinks. */
function actionBody(action: StaffAction, values: ActionValues): Record<string, unknown> {
  if (action === 'link') {
    const body: Record<string, unknown> = {};
    for (const key of ['householdId', 'villageCode', 'problemId', 'inspectionId']) {
      const value = values[key];
      body[key] = value === undefined || value === null || value === '' ? null : typeof value === 'string' ? value.trim() : value;
    }
    return body;
  }
  return Object.fromEntries(
    Object.entries(values)
      .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
}

function ComplaintDetail({ complaint }: { complaint: Complaint }) {
  const { t, serverLabel } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<StaffAction | null>(null);
  const [form] = Form.useForm<ActionValues>();
  const act = useMutation({
    mutationFn: ({ action, body }: { action: StaffAction; body: Record<string, unknown> }) => actOnComplaint(complaint.id, action, body),
    onSuccess: (result) => {
      void message.success(result.problemId ? t('complaint.problemCreated', { id: result.problemId }) : t('complaint.done'));
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
    },
  });
  const none = t('common.none');
  const isOffice = complaint.complainant !== undefined;
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          ...(complaint.trackingCode ? [{ key: 'code', label: t('complaint.trackingCode'), children: <Typography.Text code>{complaint.trackingCode}</Typography.Text> }] : []),
          { key: 'status', label: t('complaint.status'), children: <Tag color={statusColors[complaint.status]}>{serverLabel(complaint.statusLabel, `complaint.status.${complaint.status}`)}</Tag> },
          { key: 'channel', label: t('complaint.channel'), children: serverLabel(complaint.channelLabel, `complaint.channel.${complaint.channel}`) },
          { key: 'region', label: t('complaint.region'), children: complaint.regionPath },
          { key: 'content', label: t('complaint.content'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{complaint.content}</Typography.Paragraph> },
          {
            key: 'complainant',
            label: t('complaint.complainant'),
            children: isOffice
              ? complaint.complainant
                ? [complaint.complainant.name, complaint.complainant.phone, complaint.complainant.contact].filter(Boolean).join(' / ') || none
                : t('complaint.anonymous')
              : t('complaint.identityHidden'),
          },
          { key: 'unit', label: t('complaint.assignedUnit'), children: complaint.assignedUnitName ?? none },
          ...(complaint.decisionReason ? [{ key: 'reason', label: t('complaint.decisionReason'), children: complaint.decisionReason }] : []),
          { key: 'answer', label: t('complaint.answer'), children: complaint.answer ?? none },
          ...(complaint.reopenReason ? [{ key: 'reopen', label: t('complaint.reopenReason'), children: complaint.reopenReason }] : []),
          {
            key: 'links',
            label: t('complaint.links'),
            children: (
              <Space direction="vertical" size={0}>
                {complaint.household && (
                  <Link to={`/registry/households/${complaint.household.id}`}>
                    {`${t('complaint.household')}：${[complaint.household.headName, complaint.household.householdNo].filter(Boolean).join(' · ') || complaint.household.id}`}
                  </Link>
                )}
                {complaint.village && <span>{`${t('complaint.village')}：${complaint.village.name ?? complaint.village.code}`}</span>}
                {complaint.problem && (
                  <Link to={`/rectifications?status=${complaint.problem.status ?? ''}`}>{`${t('complaint.problem')}：${complaint.problem.description ?? complaint.problem.id}`}</Link>
                )}
                {complaint.inspection && <Link to={`/inspections/${complaint.inspection.id}`}>{`${t('complaint.inspection')}：${complaint.inspection.title ?? complaint.inspection.id}`}</Link>}
                {!complaint.household && !complaint.village && !complaint.problem && !complaint.inspection && none}
              </Space>
            ),
          },
        ]}
      />
      {complaint.actions.length > 0 && (
        <Space wrap>
          {complaint.actions.map((action) => (
            <Button
              key={action}
              type={action === 'accept' || action === 'answer' ? 'primary' : 'default'}
              danger={action === 'reject'}
              onClick={() => {
                act.reset();
                form.resetFields();
                setPending(action);
              }}
            >
              {t(`complaint.action.${action}`)}
            </Button>
          ))}
        </Space>
      )}
      <FormModal open={pending !== null} title={pending && t(`complaint.action.${pending}`)} form={form} submit={act} onClose={() => setPending(null)}>
        <Form<ActionValues> form={form} name={`complaint-${pending ?? 'action'}`} layout="vertical" onFinish={(values) => pending && act.mutate({ action: pending, body: actionBody(pending, values) })}>
          {pending && <ActionFields action={pending} complaint={complaint} />}
        </Form>
      </FormModal>
    </Flex>
  );
}

type RecordValues = { channel: 'hotline' | 'letter'; subject: string; content: string; regionCode: string; isAnonymous: boolean; name?: string; phone?: string; contact?: string };

function RecordComplaintButton() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<RecordValues>();
  const isAnonymous = Form.useWatch('isAnonymous', form) ?? false;
  const record = useMutation({
    mutationFn: (values: RecordValues) => recordComplaint({ ...toComplaintInput(values), channel: values.channel }),
    onSuccess: (result) => {
      void message.success(`${t('complaint.trackingCode')}：${result.complaint.trackingCode ?? ''}`);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
    },
  });
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];
  return (
    <>
      <Button type="primary" onClick={() => { record.reset(); setOpen(true); }}>
        {t('complaint.record')}
      </Button>
      <FormModal open={open} title={t('complaint.record')} form={form} submit={record} onClose={() => setOpen(false)}>
        <Form<RecordValues> form={form} name="record-complaint" layout="vertical" initialValues={{ channel: 'hotline', isAnonymous: false }} onFinish={(values) => record.mutate(values)}>
          <Form.Item label={t('complaint.channel')} name="channel">
            <Select options={(['hotline', 'letter'] as const).map((value) => ({ value, label: t(`complaint.channel.${value}`) }))} />
          </Form.Item>
          <Form.Item label={t('complaint.subject')} name="subject" rules={required('complaint.subjectRequired')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('complaint.content')} name="content" rules={required('complaint.contentRequired')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Form.Item label={t('complaint.region')} name="regionCode" htmlFor="record-region" rules={[{ required: true, message: t('complaint.regionRequired') }]}>
            <RegionPicker id="record-region" />
          </Form.Item>
          <Form.Item label={t('complaint.anonymous')} name="isAnonymous" valuePropName="checked" htmlFor="record-anonymous">
            <Switch id="record-anonymous" />
          </Form.Item>
          {!isAnonymous && (
            <>
              <Form.Item label={t('complaint.name')} name="name">
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item label={t('complaint.phone')} name="phone">
                <Input maxLength={20} />
              </Form.Item>
              <Form.Item label={t('complaint.contact')} name="contact">
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
        </Form>
      </FormModal>
    </>
  );
}

/** 督4: the office's complaint inbox (triage, answer, links, into the ledger); a county sees those assigned to it, without the author. */
export function ComplaintsPage() {
  const { t, serverLabel } = useI18n();
  const user = useCurrentUser();
  const isOffice = isOfficeRole(user.role);
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readFilter(searchParams);
  const complaints = useComplaints(filter);
  const units = useAssessmentUnits(undefined);
  const [openId, setOpenId] = useState<number | null>(null);
  const open = complaints.data?.items.find((item) => item.id === openId) ?? null;

  const updateFilter = (change: Partial<ComplaintFilter>) => {
    const next = { ...filter, ...change };
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) params.set(key, String(value));
    setSearchParams(params, { replace: true });
  };

  const columns: TableColumnsType<Complaint> = [
    { title: t('complaint.createdAt'), dataIndex: 'createdAt', width: 160, render: (value: string) => formatDateTime(value) },
    { title: t('complaint.channel'), dataIndex: 'channel', width: 100, render: (channel: ComplaintChannel, complaint) => serverLabel(complaint.channelLabel, `complaint.channel.${channel}`) },
    {
      title: t('complaint.subject'),
      dataIndex: 'subject',
      render: (subject: string, complaint) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setOpenId(complaint.id)}>
          {subject}
        </Button>
      ),
    },
    { title: t('complaint.region'), dataIndex: 'regionPath', width: 200 },
    { title: t('complaint.assignedUnit'), dataIndex: 'assignedUnitName', width: 110, render: (name: string | null) => name ?? t('common.none') },
    {
      title: t('complaint.status'),
      dataIndex: 'status',
      width: 170,
      render: (status: ComplaintStatus, complaint) => <Tag color={statusColors[status]}>{serverLabel(complaint.statusLabel, `complaint.status.${status}`)}</Tag>,
    },
  ];

  return (
    <Card
      title={t('complaint.inbox')}
      extra={
        <Space>
          <Button href={withQuery('/api/complaints/export.csv', { ...filter })}>{t('complaint.export')}</Button>
          {isOffice && <RecordComplaintButton />}
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('complaint.status')} htmlFor="complaint-status">
            <Select<ComplaintStatus | undefined>
              id="complaint-status"
              allowClear
              placeholder={t('common.all')}
              style={{ width: 200 }}
              value={filter.status}
              onChange={(status) => updateFilter({ status })}
              options={complaintStatuses.map((value) => ({ value, label: t(`complaint.status.${value}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('complaint.channel')} htmlFor="complaint-channel">
            <Select<ComplaintChannel | undefined>
              id="complaint-channel"
              allowClear
              placeholder={t('common.all')}
              style={{ width: 140 }}
              value={filter.channel}
              onChange={(channel) => updateFilter({ channel })}
              options={complaintChannels.map((value) => ({ value, label: t(`complaint.channel.${value}`) }))}
            />
          </Form.Item>
          {isOffice && (
            <Form.Item label={t('complaint.assignedUnit')} htmlFor="complaint-unit">
              <Select<string | undefined>
                id="complaint-unit"
                allowClear
                placeholder={t('common.all')}
                style={{ width: 160 }}
                value={filter.unitCode}
                onChange={(unitCode) => updateFilter({ unitCode })}
                options={(units.data?.items ?? []).map((unit) => ({ value: unit.code, label: unit.name }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('complaint.search')} htmlFor="complaint-q">
            <Input.Search id="complaint-q" allowClear defaultValue={filter.q} onSearch={(q) => updateFilter({ q: q.trim() || undefined })} style={{ width: 220 }} />
          </Form.Item>
        </Form>
        {complaints.isError && <QueryErrorAlert error={complaints.error} onRetry={() => void complaints.refetch()} />}
        <Table<Complaint>
          rowKey="id"
          columns={columns}
          dataSource={complaints.data?.items ?? []}
          loading={complaints.isFetching}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        />
      </Flex>
      <Drawer open={open !== null} title={open?.subject ?? t('complaint.detail')} size={640} onClose={() => setOpenId(null)}>
        {open && <ComplaintDetail complaint={open} />}
      </Drawer>
    </Card>
  );
}
