import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useErrorText } from '../../app/errorText';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { addItem, checklistKeys, copyTemplate, deleteItem, editItem, useChecklist, type Checklist, type ChecklistItem, type ChecklistKind } from './api';

type Editing = { mode: 'add'; group: number; groupTitle: string } | { mode: 'edit'; item: ChecklistItem };

const firstYear = 2016;

/** 责任清单: the year's checklists of 督9 and 督15; the office starts a year's own template and edits items nothing cites yet. */
export function ChecklistsPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const kind: ChecklistKind = searchParams.get('kind') === 'inspection' ? 'inspection' : 'supervision';
  const thisYear = new Date().getFullYear();
  const year = Number(searchParams.get('year')) || 2017;
  const checklist = useChecklist(kind, year);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<{ title: string }>();

  const setFilter = (nextKind: ChecklistKind, nextYear: number) => setSearchParams({ kind: nextKind, year: String(nextYear) }, { replace: true });

  const change = useMutation({
    mutationFn: (run: () => Promise<Checklist>) => run(),
    onSuccess: (updated) => {
      queryClient.setQueryData(checklistKeys.one(updated.kind, updated.year), updated);
      void queryClient.invalidateQueries({ queryKey: checklistKeys.all });
      // The pickers of the inspection and supervision forms read the same items through their own endpoints.
      void queryClient.invalidateQueries({ queryKey: ['checklist-items'] });
      void queryClient.invalidateQueries({ queryKey: ['supervision-checklist-items'] });
      setEditing(null);
    },
    onError: (error) => void message.error(errorText(error)),
  });

  const save = (values: { title: string }) => {
    if (!editing) return;
    const title = values.title.trim();
    change.mutate(
      editing.mode === 'add' ? () => addItem(kind, year, editing.group, title) : () => editItem(kind, editing.item.id, title),
      { onSuccess: () => void message.success(t('checklist.saved')) },
    );
  };

  const data = checklist.data;
  const mayEdit = data?.actions.includes('editItem') ?? false;

  const columns: TableColumnsType<ChecklistItem> = [
    { title: t('checklist.code'), dataIndex: 'code', width: 100 },
    { title: t('checklist.item'), dataIndex: 'title' },
    {
      title: <Tooltip title={t('checklist.usageHint')}>{t('checklist.usage')}</Tooltip>,
      dataIndex: 'usageCount',
      width: 100,
      render: (count: number) => (count > 0 ? <Tag color="blue">{count}</Tag> : <Tag>0</Tag>),
    },
    ...(mayEdit
      ? [
          {
            title: '',
            key: 'actions',
            width: 150,
            render: (_: unknown, item: ChecklistItem) =>
              item.isEditable ? (
                <Space size="small">
                  <Button size="small" onClick={() => { form.setFieldsValue({ title: item.title }); setEditing({ mode: 'edit', item }); }}>
                    {t('checklist.edit')}
                  </Button>
                  <Popconfirm
                    title={t('checklist.deleteConfirm', { title: item.title })}
                    onConfirm={() => change.mutate(() => deleteItem(kind, item.id), { onSuccess: () => void message.success(t('checklist.deleted')) })}
                  >
                    <Button size="small" danger>
                      {t('checklist.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  const years = Array.from({ length: thisYear + 2 - firstYear }, (_, index) => firstYear + index);

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('checklist.title')}
      </Typography.Title>
      <Flex gap="middle" wrap align="center">
        <Segmented<ChecklistKind>
          value={kind}
          onChange={(value) => setFilter(value, year)}
          options={[
            { value: 'supervision', label: t('checklist.kind.supervision') },
            { value: 'inspection', label: t('checklist.kind.inspection') },
          ]}
        />
        <Select
          aria-label={t('checklist.year')}
          value={year}
          style={{ width: 120 }}
          onChange={(value: number) => setFilter(kind, value)}
          options={years.map((value) => ({ value, label: `${value} 年度` }))}
        />
      </Flex>
      <QueryErrorAlert error={checklist.error} />
      {checklist.isPending && <PageSpin />}
      {data && !data.isOwnTemplate && data.templateYear !== null && (
        <Alert
          type="info"
          showIcon
          message={t(data.isFixedByParameter ? 'checklist.fixedByParameter' : 'checklist.inherited', { year: data.year, templateYear: data.templateYear })}
          action={
            data.actions.includes('copyTemplate') && (
              <Button
                type="primary"
                size="small"
                loading={change.isPending}
                onClick={() => change.mutate(() => copyTemplate(kind, year), { onSuccess: () => void message.success(t('checklist.copied')) })}
              >
                {t('checklist.copy', { templateYear: data.templateYear })}
              </Button>
            )
          }
        />
      )}
      {data?.groups.map((group) => (
        <Card
          key={group.group}
          size="small"
          title={`${group.code} ${group.title}`}
          extra={
            <Space>
              <Typography.Text type="secondary">{t('checklist.items', { n: group.items.length })}</Typography.Text>
              {data.actions.includes('addItem') && (
                <Button size="small" onClick={() => { form.resetFields(); setEditing({ mode: 'add', group: group.group, groupTitle: group.title }); }}>
                  {t('checklist.add')}
                </Button>
              )}
            </Space>
          }
        >
          <Table<ChecklistItem> rowKey="id" size="small" pagination={false} columns={columns} dataSource={group.items} />
        </Card>
      ))}
      <Modal
        open={editing !== null}
        title={editing?.mode === 'add' ? t('checklist.addTo', { group: editing.groupTitle }) : t('checklist.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={change.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="title" label={t('checklist.item')} rules={[{ required: true, whitespace: true, message: t('checklist.itemRequired') }]}>
            <Input.TextArea rows={3} maxLength={300} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
