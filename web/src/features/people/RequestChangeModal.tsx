import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Select, Typography } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useI18n } from '../../app/i18n';
import { useUnits } from '../units/api';
import {
  changeRequestKeys,
  peopleKeys,
  ranks,
  requestPersonChange,
  type Person,
  type PersonChangeInput,
  type Rank,
} from './api';

interface RequestChangeForm {
  rank?: Rank;
  unitId?: number;
  reason: string;
}

interface RequestChangeModalProps {
  person: Person;
  open: boolean;
  onClose: () => void;
}

/** Only fields that actually differ from the person are sent as changes. */
function toChangeInput(person: Person, values: RequestChangeForm): PersonChangeInput {
  return {
    ...(values.rank && values.rank !== person.rank ? { rank: values.rank } : {}),
    ...(values.unitId !== undefined && values.unitId !== person.unitId ? { unitId: values.unitId } : {}),
    reason: values.reason.trim(),
  };
}

/** 申请变更: asks for a new rank and/or unit for a person, with a reason. */
export function RequestChangeModal({ person, open, onClose }: RequestChangeModalProps) {
  const { t, serverLabel } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RequestChangeForm>();
  const units = useUnits();

  const submit = useMutation({
    mutationFn: (input: PersonChangeInput) => requestPersonChange(person.id, input),
    onSuccess: () => {
      void message.success(t('changeForm.submitted'));
      void queryClient.invalidateQueries({ queryKey: peopleKeys.detail(String(person.id)) });
      void queryClient.invalidateQueries({ queryKey: changeRequestKeys.all });
      onClose();
    },
  });

  return (
    <FormModal open={open} title={t('changeForm.title')} form={form} submit={submit} onClose={onClose}>
      <Typography.Paragraph type="secondary">
        {t('changeForm.current', { rank: serverLabel(person.rankLabel, `rank.${person.rank}`), unit: person.unitName })}
      </Typography.Paragraph>
      <Form<RequestChangeForm>
        form={form}
        name="requestChange"
        layout="vertical"
        onFinish={(values) => submit.mutate(toChangeInput(person, values))}
      >
        <Form.Item
          label={t('changeForm.rank')}
          name="rank"
          dependencies={['unitId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: () => {
                const input = toChangeInput(person, { ...getFieldValue([]), reason: '' } as RequestChangeForm);
                return input.rank || input.unitId !== undefined
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('changeForm.nothingChanged')));
              },
            }),
          ]}
        >
          <Select<Rank>
            allowClear
            placeholder={t('changeForm.unchanged')}
            options={ranks.map((rank) => ({ value: rank, label: t(`rank.${rank}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('changeForm.unit')} name="unitId">
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isPending}
            placeholder={t('changeForm.unchanged')}
            options={(units.data?.items ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
          />
        </Form.Item>
        <Form.Item
          label={t('changeForm.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('changeForm.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
