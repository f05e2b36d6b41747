import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Select } from 'antd';
import { useNavigate } from 'react-router';
import { FormModal } from '../../app/FormModal';
import { useI18n } from '../../app/i18n';
import { useAssessmentUnits } from '../regions/api';
import { inspectionKeys, proposeInspection, type ProposeInput } from './api';

interface ProposeForm {
  year: number;
  title: string;
  assessmentUnitCode: string;
  reason: string;
  plan?: string;
  plannedStart?: string;
  plannedEnd?: string;
}

/** 提出巡查 (督13): the office proposes an inspection of one county, to be approved by 市委/市政府. */
export function ProposeInspectionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProposeForm>();
  const units = useAssessmentUnits(undefined);

  const submit = useMutation({
    mutationFn: (input: ProposeInput) => proposeInspection(input),
    onSuccess: (detail) => {
      void message.success(t('inspection.proposed'));
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      onClose();
      void navigate(`/inspections/${detail.inspection.id}`);
    },
  });

  const onFinish = (values: ProposeForm) => {
    const input: ProposeInput = {
      year: values.year,
      title: values.title.trim(),
      assessmentUnitCode: values.assessmentUnitCode,
      reason: values.reason.trim(),
    };
    if (values.plan?.trim()) input.plan = values.plan.trim();
    if (values.plannedStart) input.plannedStart = values.plannedStart;
    if (values.plannedEnd) input.plannedEnd = values.plannedEnd;
    submit.mutate(input);
  };

  return (
    <FormModal open={open} title={t('inspection.propose.title')} form={form} submit={submit} onClose={onClose} width={640}>
      <Form<ProposeForm>
        form={form}
        name="proposeInspection"
        layout="vertical"
        initialValues={{ year: new Date().getFullYear() }}
        onFinish={onFinish}
      >
        <Form.Item label={t('inspection.year')} name="year" rules={[{ required: true, message: t('inspection.yearRequired') }]}>
          <InputNumber min={2016} max={2100} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          label={t('inspection.unit')}
          name="assessmentUnitCode"
          rules={[{ required: true, message: t('inspection.unitRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isPending}
            options={(units.data?.items ?? []).map((unit) => ({ value: unit.code, label: unit.name }))}
          />
        </Form.Item>
        <Form.Item
          label={t('inspection.titleField')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('inspection.titleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          label={t('inspection.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('inspection.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label={t('inspection.plan')} name="plan">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item label={t('inspection.plannedStart')} name="plannedStart">
          <Input type="date" />
        </Form.Item>
        <Form.Item label={t('inspection.plannedEnd')} name="plannedEnd">
          <Input type="date" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
