import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Radio, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useI18n } from '../../app/i18n';
import { cityCode, regionDetailQuery } from '../regions/api';
import { useUnits } from '../units/api';
import { createPerson, peopleKeys, ranks, type PersonInput } from './api';

interface CreatePersonModalProps {
  open: boolean;
  onClose: () => void;
}

/** 新增人员: one person onto the roster (R-O4); rank and unit change later only through a change request. */
export function CreatePersonModal({ open, onClose }: CreatePersonModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PersonInput>();
  const units = useUnits();
  const city = useQuery({ ...regionDetailQuery(cityCode), enabled: open });

  const submit = useMutation({
    mutationFn: (input: PersonInput) => createPerson(input),
    onSuccess: () => {
      void message.success(t('people.created'));
      void queryClient.invalidateQueries({ queryKey: peopleKeys.all });
      form.resetFields();
      onClose();
    },
  });

  return (
    <FormModal open={open} title={t('people.create')} form={form} submit={submit} onClose={onClose}>
      <Form<PersonInput>
        form={form}
        name="createPerson"
        layout="vertical"
        onFinish={(values) => submit.mutate({ ...values, name: values.name.trim(), post: values.post.trim(), homeRegionCode: values.homeRegionCode ?? null })}
      >
        <Form.Item label={t('people.name')} name="name" rules={[{ required: true, whitespace: true, min: 2, message: t('people.nameRequired') }]}>
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('people.gender')} name="gender" rules={[{ required: true, message: t('people.genderRequired') }]}>
          <Radio.Group
            options={[
              { value: 'male', label: t('people.gender.male') },
              { value: 'female', label: t('people.gender.female') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('people.unit')} name="unitId" rules={[{ required: true, message: t('people.unitRequired') }]}>
          <Select<number>
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isPending}
            options={(units.data?.items ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
          />
        </Form.Item>
        <Form.Item label={t('people.post')} name="post" rules={[{ required: true, whitespace: true, message: t('people.postRequired') }]}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('people.rank')} name="rank" rules={[{ required: true, message: t('people.rankRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={ranks.map((rank) => ({ value: rank, label: t(`rank.${rank}`) }))} />
        </Form.Item>
        <Form.Item label={t('people.homeRegion')} name="homeRegionCode" extra={t('people.homeRegionHint')}>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={city.isPending}
            options={(city.data?.children ?? []).map((county) => ({ value: county.code, label: county.name }))}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
