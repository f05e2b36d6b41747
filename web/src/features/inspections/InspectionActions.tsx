import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api';
import { useErrorText } from '../../app/errorText';
import { todayInShanghai } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { recordMethods } from '../findings/methods';
import { usePeople, type Person } from '../people/api';
import {
  actOnInspection,
  fetchReportDraft,
  inspectionKeys,
  useChecklist,
  type Inspection,
  type InspectionAction,
} from './api';

type ActionForm = Record<string, unknown>;

const primaryActions: readonly InspectionAction[] = ['approve', 'formTeam', 'startFieldWork', 'submitReport', 'issueFeedback', 'close'];

/** The text a person is picked by: name, unit, rank and home region, so that 督14 and 督5 can be judged at a glance. */
export function personOptionLabel(person: Person): string {
  return `${person.name}（${person.unitName}，${person.rankLabel}，${person.homeRegionName ?? '—'}）`;
}

function PersonPicker({ id, value, onChange, multiple }: { id?: string; value?: number | number[]; onChange?: (value: number | number[]) => void; multiple?: boolean }) {
  const { t } = useI18n();
  const people = usePeople({ q: '', unitId: '', rank: undefined, page: 1, pageSize: 200 });
  return (
    <Select<number | number[]>
      id={id}
      value={value}
      onChange={onChange}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      loading={people.isPending}
      placeholder={t('inspection.team.pickPlaceholder')}
      options={(people.data?.items ?? []).map((person) => ({ value: person.id, label: personOptionLabel(person) }))}
    />
  );
}

function ChecklistSelect({ id, year, value, onChange, allowClear }: { id?: string; year: number; value?: number; onChange?: (value: number) => void; allowClear?: boolean }) {
  const checklist = useChecklist(year);
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      loading={checklist.isPending}
      options={(checklist.data?.items ?? []).map((item) => ({ value: item.id, label: `${item.code} ${item.categoryLabel}：${item.title}` }))}
    />
  );
}

/** The form fields each action asks for; actions without fields are a confirmation. */
function ActionFields({ action, inspection }: { action: InspectionAction; inspection: Inspection }) {
  const { t, serverLabel } = useI18n();
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];
  switch (action) {
    case 'approve':
      return (
        <Form.Item label={t('inspection.decisionNote')} name="note">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      );
    case 'reject':
      return (
        <Form.Item label={t('inspection.decisionNote')} name="note" rules={required('inspection.rejectReasonRequired')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      );
    case 'formTeam':
      return (
        <>
          <Typography.Paragraph type="secondary">
            {t('inspection.team.rules', { rank: serverLabel(inspection.leaderMinimumRankLabel, `rank.${inspection.leaderMinimumRank}`) })}
          </Typography.Paragraph>
          <Form.Item label={t('inspection.team.name')} name="name">
            <Input maxLength={100} placeholder={`${inspection.assessmentUnitName}巡查组`} />
          </Form.Item>
          <Form.Item label={t('inspection.team.leader')} name="leaderId" rules={[{ required: true, message: t('inspection.team.leaderRequired') }]}>
            <PersonPicker />
          </Form.Item>
          <Form.Item label={t('inspection.team.members')} name="memberIds" rules={[{ required: true, message: t('inspection.team.membersRequired') }]}>
            <PersonPicker multiple />
          </Form.Item>
        </>
      );
    case 'addRecord':
      return (
        <>
          <Form.Item label={t('inspection.record.method')} name="method" rules={[{ required: true, message: t('inspection.record.methodRequired') }]}>
            <Select options={recordMethods.map((method) => ({ value: method, label: t(`method.${method}`) }))} />
          </Form.Item>
          <Form.Item label={t('inspection.record.date')} name="recordDate" rules={required('inspection.record.dateRequired')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item label={t('inspection.record.place')} name="place" rules={required('inspection.record.placeRequired')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('inspection.record.participants')} name="participants">
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item label={t('inspection.record.notes')} name="notes" rules={required('inspection.record.notesRequired')}>
            <Input.TextArea rows={4} maxLength={10000} />
          </Form.Item>
          <Form.Item label={t('inspection.checklistItem')} name="checklistItemId">
            <ChecklistSelect year={inspection.year} allowClear />
          </Form.Item>
        </>
      );
    case 'recordFinding':
      return (
        <>
          <Form.Item label={t('inspection.checklistItem')} name="checklistItemId" rules={[{ required: true, message: t('inspection.finding.itemRequired') }]}>
            <ChecklistSelect year={inspection.year} />
          </Form.Item>
          <Form.Item label={t('inspection.finding.description')} name="description" rules={required('inspection.finding.descriptionRequired')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item label={t('inspection.finding.evidence')} name="evidence">
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Form.Item label={t('inspection.finding.severity')} name="severity">
            <Select
              options={[
                { value: 'general', label: t('inspection.severity.general') },
                { value: 'serious', label: t('inspection.severity.serious') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('inspection.finding.requirement')} name="requirement">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'addRecommendation':
      return (
        <>
          <Form.Item label={t('inspection.recommendation.problem')} name="problem" rules={required('inspection.recommendation.problemRequired')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item
            label={t('inspection.recommendation.text')}
            name="recommendation"
            rules={required('inspection.recommendation.textRequired')}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'submitReport':
      return (
        <Form.Item label={t('inspection.report')} name="report" rules={required('inspection.reportRequired')}>
          <Input.TextArea rows={16} maxLength={50000} />
        </Form.Item>
      );
    case 'issueFeedback':
      return (
        <>
          <Typography.Paragraph type="secondary">
            {t('inspection.feedback.hint', { months: inspection.rectificationMonths })}
          </Typography.Paragraph>
          <Form.Item label={t('inspection.feedback.date')} name="feedbackDate" rules={required('inspection.feedback.dateRequired')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item label={t('inspection.feedback.text')} name="feedbackText" rules={required('inspection.feedback.textRequired')}>
            <Input.TextArea rows={5} maxLength={20000} />
          </Form.Item>
        </>
      );
    case 'startFieldWork':
    case 'close':
      return <Typography.Paragraph>{t(`inspection.confirm.${action}`)}</Typography.Paragraph>;
  }
}

/** Drops empty optional fields so that the server sees only what was filled in. */
function toBody(values: ActionForm): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values)
      .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value])
      .filter(([, value]) => value !== undefined && value !== null && value !== ''),
  );
}

/** One button per action the server says this user may take (its `actions`), each opening its form. */
export function InspectionActions({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActionForm>();
  const [pending, setPending] = useState<InspectionAction | null>(null);
  const [initialValues, setInitialValues] = useState<ActionForm>({});

  const act = useMutation({
    mutationFn: ({ action, body }: { action: InspectionAction; body: Record<string, unknown> }) => actOnInspection(inspection.id, action, body),
    onSuccess: (_detail, { action }) => {
      void message.success(t(`inspection.done.${action}`));
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['rectifications'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
    },
  });

  const open = (action: InspectionAction) => {
    act.reset();
    // The form is mounted afresh for each action (destroyOnHidden), so these are its starting values.
    setInitialValues(action === 'issueFeedback' ? { feedbackDate: todayInShanghai() } : action === 'recordFinding' ? { severity: 'general' } : {});
    if (action === 'submitReport') {
      void fetchReportDraft(inspection.id).then(
        ({ draft }) => {
          if (!form.getFieldValue('report')) form.setFieldsValue({ report: draft });
        },
        () => undefined,
      );
    }
    setPending(action);
  };

  if (inspection.actions.length === 0) return null;

  return (
    <>
      <Space wrap>
        {inspection.actions.map((action) => (
          <Button key={action} type={primaryActions.includes(action) ? 'primary' : 'default'} danger={action === 'reject'} onClick={() => open(action)}>
            {t(`inspection.action.${action}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={pending !== null}
        title={pending && t(`inspection.action.${pending}`)}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={act.isPending}
        onOk={() => form.submit()}
        onCancel={() => setPending(null)}
        width={pending === 'submitReport' ? 860 : 640}
        destroyOnHidden
      >
        <Form<ActionForm>
          form={form}
          name={`inspection-${pending ?? 'action'}`}
          layout="vertical"
          initialValues={initialValues}
          onFinish={(values) => pending && act.mutate({ action: pending, body: toBody(values) })}
        >
          {pending && <ActionFields action={pending} inspection={inspection} />}
          {act.isError && <Alert type="error" showIcon title={errorText(act.error)} />}
        </Form>
      </Modal>
    </>
  );
}
