import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../app/errorText';
import { todayInShanghai } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { personOptionLabel } from '../inspections/InspectionActions';
import { usePeople } from '../people/api';
import { actOnSupervision, fetchSupervisionReportDraft, supervisionKeys, workflowActions, type Supervision, type SupervisionAction } from './api';

type ActionForm = { leaderId?: number; memberIds?: number[]; report?: string; notifiedOn?: string; resultText?: string; deadline?: string };

// Actions that take a form; the others are one click.
const formActions: readonly SupervisionAction[] = ['formTeam', 'submitReport', 'notifyResult'];

/**
 * The calendar date `months` months after `date` (R-X5): the same day of the month or the month's last day.
 * 督12 sets no deadline; the months come from the supervision year's parameters.
 */
export function monthsAfter(date: string, months: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return '';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay)));
  return target.toISOString().slice(0, 10);
}

/**
 * The buttons for the workflow actions the server says this user may take on a supervision (or only
 * those in `only`), with a form where one is needed: the team, the report with its generated draft,
 * the result notification with its deadline.
 */
export function SupervisionActions({ supervision, only }: { supervision: Supervision; only?: readonly SupervisionAction[] }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [openAction, setOpenAction] = useState<SupervisionAction | null>(null);
  const [form] = Form.useForm<ActionForm>();
  const people = usePeople({ q: '', unitId: '', rank: undefined, page: 1, pageSize: 200 });

  const act = useMutation({
    mutationFn: ({ action, body }: { action: SupervisionAction; body: Record<string, unknown> }) => actOnSupervision(supervision.id, action, body),
    onSuccess: () => {
      void message.success(t('supervision.done'));
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
      setOpenAction(null);
    },
    onError: (error) => {
      if (openAction === null) void message.error(errorText(error));
    },
  });

  const onFinish = (values: ActionForm) => {
    if (openAction === 'formTeam') act.mutate({ action: 'formTeam', body: { leaderId: values.leaderId, memberIds: values.memberIds ?? [] } });
    if (openAction === 'submitReport') act.mutate({ action: 'submitReport', body: { report: values.report?.trim() } });
    if (openAction === 'notifyResult') {
      act.mutate({
        action: 'notifyResult',
        body: { notifiedOn: values.notifiedOn, resultText: values.resultText?.trim(), ...(values.deadline ? { deadline: values.deadline } : {}) },
      });
    }
  };

  const draft = useMutation({
    mutationFn: () => fetchSupervisionReportDraft(supervision.id),
    onSuccess: (result) => form.setFieldValue('report', result.draft),
    onError: (error) => void message.error(errorText(error)),
  });

  const shown = supervision.actions.filter((action) => workflowActions.includes(action) && (only === undefined || only.includes(action)));
  const open = (action: SupervisionAction) => {
    setOpenAction(action);
    if (action === 'notifyResult') {
      const today = todayInShanghai();
      form.setFieldsValue({ notifiedOn: today, deadline: monthsAfter(today, supervision.defaultRectificationMonths) });
    }
  };

  const personOptions = (people.data?.items ?? []).map((person) => ({ value: person.id, label: personOptionLabel(person) }));

  return (
    <>
      <Space wrap size="small">
        {shown.map((action) => (
          <Button
            key={action}
            size="small"
            type={action === 'approve' ? 'primary' : 'default'}
            loading={act.isPending && act.variables.action === action}
            onClick={(event) => {
              event.stopPropagation();
              if (formActions.includes(action)) open(action);
              else act.mutate({ action, body: {} });
            }}
          >
            {t(`supervision.action.${action}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={openAction !== null}
        title={openAction ? `${t(`supervision.action.${openAction}`)}：${supervision.target.name}` : ''}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={act.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpenAction(null)}
        afterClose={() => {
          form.resetFields();
          act.reset();
        }}
        width={640}
      >
        <Form<ActionForm> form={form} layout="vertical" name="supervisionAction" onFinish={onFinish}>
          {openAction === 'formTeam' && (
            <>
              <Typography.Paragraph type="secondary">{t('supervision.team.hint')}</Typography.Paragraph>
              <Form.Item label={t('supervision.team.leader')} name="leaderId" rules={[{ required: true, message: t('supervision.team.leaderRequired') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} loading={people.isPending} options={personOptions} />
              </Form.Item>
              <Form.Item label={t('supervision.team.members')} name="memberIds">
                <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} loading={people.isPending} options={personOptions} />
              </Form.Item>
            </>
          )}
          {openAction === 'submitReport' && (
            <>
              <Button loading={draft.isPending} onClick={() => draft.mutate()} style={{ marginBottom: 12 }}>
                {t('supervision.report.generateDraft')}
              </Button>
              <Form.Item label={t('supervision.report')} name="report" rules={[{ required: true, whitespace: true, message: t('supervision.reportRequired') }]}>
                <Input.TextArea rows={14} maxLength={50000} />
              </Form.Item>
            </>
          )}
          {openAction === 'notifyResult' && (
            <>
              <Typography.Paragraph type="secondary">{t('supervision.result.hint', { months: supervision.defaultRectificationMonths })}</Typography.Paragraph>
              <Form.Item
                label={t('supervision.result.notifiedOn')}
                name="notifiedOn"
                rules={[{ required: true, message: t('supervision.result.notifiedOnRequired') }]}
              >
                <Input type="date" onChange={(event) => form.setFieldValue('deadline', monthsAfter(event.target.value, supervision.defaultRectificationMonths))} />
              </Form.Item>
              <Form.Item label={t('supervision.result.text')} name="resultText" rules={[{ required: true, whitespace: true, message: t('supervision.result.textRequired') }]}>
                <Input.TextArea rows={6} maxLength={20000} />
              </Form.Item>
              <Form.Item label={t('supervision.result.deadline')} name="deadline" extra={t('supervision.result.deadlineHint', { months: supervision.defaultRectificationMonths })}>
                <Input type="date" />
              </Form.Item>
            </>
          )}
          {act.isError && openAction !== null && <Alert type="error" showIcon title={errorText(act.error)} />}
        </Form>
      </Modal>
    </>
  );
}
