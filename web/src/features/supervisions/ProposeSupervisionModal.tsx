import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Radio, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useI18n } from '../../app/i18n';
import { proposeSupervision, supervisionKeys, supervisionTypes, type CoverageItem, type ProposeSupervisionInput, type SupervisionType } from './api';

interface ProposeForm {
  type: SupervisionType;
  targetKind: 'assessment_unit' | 'assistance_unit';
  target: string;
  topic: string;
  plannedStart?: string;
  plannedEnd?: string;
}

/** 提出督查事项 (督6, 督8): a 综合督查 or 专项督查 of one county or assistance unit, added to the year's plan. */
export function ProposeSupervisionModal({ planId, targets, open, onClose }: { planId: number; targets: CoverageItem[]; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProposeForm>();
  const targetKind = Form.useWatch('targetKind', form) ?? 'assessment_unit';

  const submit = useMutation({
    mutationFn: (input: ProposeSupervisionInput) => proposeSupervision(input),
    onSuccess: () => {
      void message.success(t('supervision.proposed'));
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
      onClose();
    },
  });

  const onFinish = (values: ProposeForm) => {
    const input: ProposeSupervisionInput = { planId, type: values.type, topic: values.topic.trim() };
    if (values.targetKind === 'assessment_unit') input.targetAssessmentUnitCode = values.target;
    else input.targetUnitId = Number(values.target);
    if (values.plannedStart) input.plannedStart = values.plannedStart;
    if (values.plannedEnd) input.plannedEnd = values.plannedEnd;
    submit.mutate(input);
  };

  const options = targets
    .filter((item) => item.kind === targetKind)
    .map((item) => ({ value: item.kind === 'assessment_unit' ? (item.assessmentUnitCode ?? '') : String(item.unitId), label: item.name }));

  return (
    <FormModal open={open} title={t('supervision.propose')} form={form} submit={submit} onClose={onClose} width={640}>
      <Form<ProposeForm> form={form} name="proposeSupervision" layout="vertical" initialValues={{ type: 'comprehensive', targetKind: 'assessment_unit' }} onFinish={onFinish}>
        <Form.Item label={t('supervision.type')} name="type">
          <Radio.Group options={supervisionTypes.map((value) => ({ value, label: t(`supervision.type.${value}`) }))} />
        </Form.Item>
        <Form.Item label={t('supervision.targetKind')} name="targetKind">
          <Radio.Group
            onChange={() => form.setFieldValue('target', undefined)}
            options={(['assessment_unit', 'assistance_unit'] as const).map((value) => ({ value, label: t(`supervision.targetKind.${value}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('supervision.target')} name="target" rules={[{ required: true, message: t('supervision.targetRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} />
        </Form.Item>
        <Form.Item label={t('supervision.topic')} name="topic" rules={[{ required: true, whitespace: true, message: t('supervision.topicRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <Form.Item label={t('supervision.plannedStart')} name="plannedStart">
          <Input type="date" />
        </Form.Item>
        <Form.Item label={t('supervision.plannedEnd')} name="plannedEnd">
          <Input type="date" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
