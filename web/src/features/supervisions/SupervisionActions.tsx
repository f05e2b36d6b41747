import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { personOptionLabel } from '../inspections/InspectionActions';
import { usePeople } from '../people/api';
import { actOnSupervision, supervisionKeys, type Supervision, type SupervisionAction } from './api';

type ActionForm = { leaderId?: number; memberIds?: number[]; report?: string };

// Actions that take a form; the others are one click.
const formActions: readonly SupervisionAction[] = ['formTeam', 'submitReport'];

/** The buttons for the actions the server says this user may take on a supervision, with a form where one is needed. */
export function SupervisionActions({ supervision }: { supervision: Supervision }) {
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
  };

  const personOptions = (people.data?.items ?? []).map((person) => ({ value: person.id, label: personOptionLabel(person) }));

  return (
    <>
      <Space wrap size="small">
        {supervision.actions.map((action) => (
          <Button
            key={action}
            size="small"
            type={action === 'approve' ? 'primary' : 'default'}
            loading={act.isPending && act.variables.action === action}
            onClick={(event) => {
              event.stopPropagation();
              if (formActions.includes(action)) setOpenAction(action);
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
            <Form.Item label={t('supervision.report')} name="report" rules={[{ required: true, whitespace: true, message: t('supervision.reportRequired') }]}>
              <Input.TextArea rows={10} maxLength={50000} />
            </Form.Item>
          )}
          {act.isError && openAction !== null && <Alert type="error" showIcon title={errorText(act.error)} />}
        </Form>
      </Modal>
    </>
  );
}
