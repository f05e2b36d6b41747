import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Form, InputNumber, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { FormModal } from '../../app/FormModal';
import { useI18n } from '../../app/i18n';
import { parameterKeys, updateParameter, type MeasureParameter, type ParameterValue } from './api';

const AUTOMATIC = 'automatic';

type ParameterForm = { value?: number | string | null };

/** The form's value as the server takes it: 自动 is null. */
function toValue(parameter: MeasureParameter, formValue: number | string | null | undefined): ParameterValue {
  if (parameter.input.kind === 'templateYear' && formValue === AUTOMATIC) return null;
  return formValue ?? null;
}

function toFormValue(parameter: MeasureParameter): number | string | undefined {
  if (parameter.input.kind === 'templateYear' && parameter.value === null) return AUTOMATIC;
  return typeof parameter.value === 'number' || typeof parameter.value === 'string' ? parameter.value : undefined;
}

/** What Form.Item hands its field: the id the label points at, the value and its change. */
type FieldProps = { id?: string; value?: number | string | null; onChange?: (value: number | string | null) => void };

/** The field for a value, as the server describes the parameter's input. */
function ValueField({ parameter, ...field }: FieldProps & { parameter: MeasureParameter }) {
  const { t } = useI18n();
  const { input } = parameter;
  if (input.kind === 'integer') {
    return (
      <InputNumber<number>
        id={field.id}
        value={typeof field.value === 'number' ? field.value : null}
        onChange={(value) => field.onChange?.(value)}
        min={input.min}
        max={input.max}
        precision={0}
        suffix={parameter.unit || undefined}
        style={{ width: '100%' }}
      />
    );
  }
  if (input.kind === 'choice') return <Select<string> id={field.id} value={typeof field.value === 'string' ? field.value : undefined} onChange={(value) => field.onChange?.(value)} options={input.options} />;
  const years = Array.from({ length: input.max - input.min + 1 }, (_, index) => input.min + index).filter((year) => year <= new Date().getFullYear() + 2);
  return (
    <Select<number | string>
      id={field.id}
      value={field.value}
      onChange={(value) => field.onChange?.(value)}
      options={[
        { value: AUTOMATIC, label: t('parameters.automatic', { label: input.automaticLabel }) },
        ...years.map((year) => ({ value: year, label: t('parameters.yearOption', { year }) })),
      ]}
    />
  );
}

/** 修改: one parameter of one year — its article and default shown above the field; the server's refusal below it. */
export function ParameterFormModal({ year, parameter, onClose }: { year: number; parameter: MeasureParameter | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ParameterForm>();
  // The parameter stays on screen while the dialog closes.
  const [shown, setShown] = useState(parameter);
  if (parameter && parameter !== shown) setShown(parameter);
  // A dialog opened while the last one is still closing starts from this parameter's value, not the last one's.
  useEffect(() => {
    if (parameter) form.setFieldsValue({ value: toFormValue(parameter) });
  }, [parameter, form]);

  const submit = useMutation({
    mutationFn: (values: ParameterForm) => updateParameter(year, shown!.key, toValue(shown!, values.value)),
    onSuccess: ({ parameter: saved }) => {
      void message.success(t('parameters.saved', { label: saved.label }));
      void queryClient.invalidateQueries({ queryKey: parameterKeys.all });
      onClose();
    },
  });

  return (
    <FormModal
      open={parameter !== null}
      title={shown ? t('parameters.editTitle', { label: shown.label, year }) : ''}
      form={form}
      submit={submit}
      onClose={onClose}
      width={560}
    >
      {shown && (
        <>
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'article', label: t('parameters.article'), children: shown.article },
              { key: 'quote', label: t('parameters.quote'), children: <Typography.Text italic>{shown.quote}</Typography.Text> },
              { key: 'default', label: t('parameters.default'), children: shown.defaultText },
              { key: 'value', label: t('parameters.value'), children: `${shown.valueText}（${shown.sourceText}）` },
            ]}
          />
          <Form<ParameterForm>
            key={`${shown.key}-${shown.updatedAt ?? ''}`}
            form={form}
            name="parameter"
            layout="vertical"
            initialValues={{ value: toFormValue(shown) }}
            onFinish={(values) => submit.mutate(values)}
          >
            <Form.Item label={t('parameters.newValue')} name="value" extra={shown.note} rules={[{ required: true, message: t('parameters.valueRequired') }]}>
              <ValueField parameter={shown} />
            </Form.Item>
          </Form>
        </>
      )}
    </FormModal>
  );
}
