import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Cascader, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { recordMethods } from '../findings/methods';
import { actOnSupervision, recordVisit, supervisionKeys, useSupervisionChecklist, type Supervision } from './api';

type PaperKind = 'planVisit' | 'addRecord' | 'recordFinding' | 'recordVisit';
type PaperForm = Record<string, unknown> & { checklistPath?: number[] };

/** Cascader over the 督9 checklist: an area, then one of its sub-items (or the area itself when `allowArea`). */
function ChecklistCascader({ id, year, value, onChange, allowArea }: { id?: string; year: number; value?: number[]; onChange?: (value: number[]) => void; allowArea?: boolean }) {
  const checklist = useSupervisionChecklist(year);
  const options = (checklist.data?.areas ?? []).map((area) => ({
    value: area.id,
    label: `${area.code} ${area.title}`,
    children: area.items.map((item) => ({ value: item.id, label: `${item.code} ${item.title}` })),
  }));
  return (
    <Cascader
      id={id}
      value={value}
      onChange={(next) => onChange?.(next as number[])}
      options={options}
      changeOnSelect={allowArea}
      showSearch
      allowClear={allowArea}
      loading={checklist.isPending}
    />
  );
}

const methodOptions = (t: ReturnType<typeof useI18n>['t']) => recordMethods.map((method) => ({ value: method, label: t(`method.${method}`) }));

/**
 * One button that opens the form for an addition to the supervision's schedule or working papers:
 * a planned visit, a field record, a finding (with the 督9 area and sub-item), or the record of a planned visit.
 */
export function WorkingPaperButton({ supervision, kind, visitId, label }: { supervision: Supervision; kind: PaperKind; visitId?: number; label: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PaperForm>();
  const submit = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      kind === 'recordVisit' ? recordVisit(supervision.id, visitId!, body) : actOnSupervision(supervision.id, kind, body),
    onSuccess: () => {
      void message.success(t('supervision.done'));
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
      setOpen(false);
    },
  });

  const onFinish = ({ checklistPath, ...values }: PaperForm) => {
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined || value === null) continue;
      const trimmed = typeof value === 'string' ? value.trim() : value;
      if (trimmed !== '') body[key] = trimmed;
    }
    const itemId = checklistPath?.at(-1);
    if (itemId !== undefined) body.checklistItemId = itemId;
    submit.mutate(body);
  };
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];

  return (
    <>
      <Button size="small" type={kind === 'recordVisit' ? 'default' : 'primary'} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={label}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={submit.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        afterClose={() => {
          form.resetFields();
          submit.reset();
        }}
        width={640}
      >
        <Form<PaperForm> form={form} layout="vertical" name={`supervision-${kind}`} onFinish={onFinish} initialValues={kind === 'recordFinding' ? { severity: 'general' } : {}}>
          {kind === 'planVisit' && (
            <>
              <Form.Item label={t('supervision.visit.method')} name="method" rules={[{ required: true, message: t('supervision.record.methodRequired') }]}>
                <Select options={methodOptions(t)} />
              </Form.Item>
              <Form.Item label={t('supervision.visit.plannedOn')} name="plannedOn" rules={required('supervision.visit.plannedOnRequired')}>
                <Input type="date" />
              </Form.Item>
              <Form.Item label={t('supervision.visit.target')} name="targetDescription" rules={required('supervision.visit.targetRequired')}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item label={t('supervision.visit.region')} name="targetRegionCode" extra={t('supervision.visit.regionHint')}>
                <RegionPicker rootCode={supervision.target.countyCode ?? undefined} placeholder={t('supervision.visit.regionPlaceholder')} />
              </Form.Item>
            </>
          )}
          {(kind === 'addRecord' || kind === 'recordVisit') && (
            <>
              {kind === 'addRecord' && (
                <Form.Item label={t('supervision.record.method')} name="method" rules={[{ required: true, message: t('supervision.record.methodRequired') }]}>
                  <Select options={methodOptions(t)} />
                </Form.Item>
              )}
              <Form.Item label={t('supervision.record.date')} name="recordDate" rules={required('supervision.record.dateRequired')}>
                <Input type="date" />
              </Form.Item>
              <Form.Item label={t('supervision.record.place')} name="place" rules={required('supervision.record.placeRequired')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item label={t('supervision.record.participants')} name="participants">
                <Input maxLength={1000} />
              </Form.Item>
              <Form.Item label={t('supervision.record.notes')} name="notes" rules={required('supervision.record.notesRequired')}>
                <Input.TextArea rows={4} maxLength={10000} />
              </Form.Item>
              <Form.Item label={t('supervision.record.checklistItem')} name="checklistPath">
                <ChecklistCascader year={supervision.year} allowArea />
              </Form.Item>
            </>
          )}
          {kind === 'recordFinding' && (
            <>
              <Form.Item
                label={t('supervision.finding.item')}
                name="checklistPath"
                rules={[{ required: true, type: 'array', len: 2, message: t('supervision.finding.itemRequired') }]}
              >
                <ChecklistCascader year={supervision.year} />
              </Form.Item>
              <Form.Item label={t('supervision.finding.description')} name="description" rules={required('supervision.finding.descriptionRequired')}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
              <Form.Item label={t('supervision.finding.evidence')} name="evidence">
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
              <Form.Item label={t('supervision.finding.severity')} name="severity">
                <Select
                  options={[
                    { value: 'general', label: t('supervision.finding.severity.general') },
                    { value: 'serious', label: t('supervision.finding.severity.serious') },
                  ]}
                />
              </Form.Item>
              <Form.Item label={t('supervision.finding.requirement')} name="requirement">
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {submit.isError && <Alert type="error" showIcon title={errorText(submit.error)} />}
        </Form>
      </Modal>
    </>
  );
}
