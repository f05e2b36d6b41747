import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Radio, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useI18n } from '../../app/i18n';
import { useAssessmentUnits } from '../regions/api';
import { useSupervisions } from '../supervisions/api';
import { useUnits } from '../units/api';
import { commendationKinds, proposeCommendation, summaryKeys, type CommendationKind, type ProposeCommendationInput } from './api';

interface ProposeForm {
  kind: CommendationKind;
  subjectKind: 'assessment_unit' | 'assistance_unit';
  subject: string;
  supervisionId?: number;
  title: string;
  description: string;
}

// A supervision's results are in once its team leader has submitted the report.
const withResults = new Set(['report_submitted', 'result_notified', 'closed']);

/** 提出表扬或先进典型 (督11): a county from the assessment units, or an assistance unit, optionally from a supervision of it. */
export function ProposeCommendationModal({ year, open, onClose }: { year: number; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProposeForm>();
  const subjectKind = Form.useWatch('subjectKind', form) ?? 'assessment_unit';
  const subject = Form.useWatch('subject', form);
  const counties = useAssessmentUnits(undefined);
  const units = useUnits({ kind: 'assistance' });
  const supervisions = useSupervisions(year);

  const submit = useMutation({
    mutationFn: (input: ProposeCommendationInput) => proposeCommendation(input),
    onSuccess: () => {
      void message.success(t('summaries.proposed'));
      void queryClient.invalidateQueries({ queryKey: summaryKeys.all });
      onClose();
    },
  });

  const onFinish = (values: ProposeForm) => {
    const input: ProposeCommendationInput = { year, kind: values.kind, title: values.title.trim(), description: values.description.trim() };
    if (values.subjectKind === 'assessment_unit') input.assessmentUnitCode = values.subject;
    else input.unitId = Number(values.subject);
    if (values.supervisionId !== undefined) input.supervisionId = values.supervisionId;
    submit.mutate(input);
  };

  const subjectOptions =
    subjectKind === 'assessment_unit'
      ? (counties.data?.items ?? []).map((unit) => ({ value: unit.code, label: unit.name }))
      : (units.data?.items ?? []).map((unit) => ({ value: String(unit.id), label: unit.name }));
  const supervisionOptions = (supervisions.data?.items ?? [])
    .filter((supervision) => withResults.has(supervision.status))
    .filter((supervision) =>
      subjectKind === 'assessment_unit' ? supervision.target.assessmentUnitCode === subject : String(supervision.target.unitId) === subject,
    )
    .map((supervision) => ({ value: supervision.id, label: `${supervision.typeLabel}：${supervision.topic}` }));

  return (
    <FormModal open={open} title={t('summaries.propose')} form={form} submit={submit} onClose={onClose} width={640}>
      <Form<ProposeForm> form={form} name="proposeCommendation" layout="vertical" initialValues={{ kind: 'commendation', subjectKind: 'assessment_unit' }} onFinish={onFinish}>
        <Form.Item label={t('summaries.kind')} name="kind">
          <Radio.Group options={commendationKinds.map((value) => ({ value, label: t(`summaries.kind.${value}`) }))} />
        </Form.Item>
        <Form.Item label={t('summaries.subjectKind')} name="subjectKind">
          <Radio.Group
            onChange={() => form.setFieldsValue({ subject: undefined, supervisionId: undefined })}
            options={(['assessment_unit', 'assistance_unit'] as const).map((value) => ({ value, label: t(`summaries.subjectKind.${value}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('summaries.subject')} name="subject" rules={[{ required: true, message: t('summaries.subjectRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={counties.isPending || units.isPending}
            options={subjectOptions}
            onChange={() => form.setFieldValue('supervisionId', undefined)}
          />
        </Form.Item>
        <Form.Item label={t('summaries.supervision')} name="supervisionId" extra={t('summaries.supervisionHint')}>
          <Select allowClear options={supervisionOptions} disabled={supervisionOptions.length === 0} />
        </Form.Item>
        <Form.Item label={t('summaries.title')} name="title" rules={[{ required: true, whitespace: true, message: t('summaries.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('summaries.description')} name="description" rules={[{ required: true, whitespace: true, message: t('summaries.descriptionRequired') }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
