import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useErrorText } from '../../app/errorText';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import type { Role } from '../auth/api';
import { useCurrentUser } from '../auth/currentUser';
import { isOfficeRole } from '../auth/roles';
import { householdStatuses, registryKeys, takeSnapshot, useSnapshotDiff, useSnapshots, type HouseholdStatus, type Snapshot, type SnapshotDiff } from './api';
import { formatCount } from './format';

/** Who may compare snapshots (the server refuses the others). */
const diffRoles: readonly Role[] = ['office_admin', 'office_staff', 'city_leader', 'leading_group', 'org_dept', 'discipline'];

function TakeSnapshotForm() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const take = useMutation({
    mutationFn: (asOf: string) => takeSnapshot(asOf),
    onSuccess: ({ snapshot }) => {
      void message.success(t('registry.snapshots.taken', { asOf: snapshot.asOf }));
      void queryClient.invalidateQueries({ queryKey: registryKeys.snapshots });
    },
  });
  return (
    <Flex vertical gap={8}>
      <Form<{ asOf: string }>
        layout="inline"
        initialValues={{ asOf: '2017-12-31' }}
        onFinish={(values) => take.mutate(values.asOf)}
        disabled={take.isPending}
      >
        <Form.Item label={t('registry.snapshots.asOf')} name="asOf" rules={[{ required: true, message: t('registry.snapshots.asOfRequired') }]}>
          <Input type="date" style={{ width: 170 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={take.isPending}>
            {t('registry.snapshots.take')}
          </Button>
        </Form.Item>
      </Form>
      {take.isError && <Alert type="error" showIcon title={errorText(take.error)} />}
    </Flex>
  );
}

type CountyRow = { countyCode: string; countyName: string; cells: Record<HouseholdStatus, { from: number; to: number }> };

function pivot(diff: SnapshotDiff): CountyRow[] {
  const rows = new Map<string, CountyRow>();
  for (const count of diff.counts) {
    let row = rows.get(count.county_code);
    if (!row) {
      const empty = () => ({ from: 0, to: 0 });
      row = {
        countyCode: count.county_code,
        countyName: count.county_name,
        cells: { not_exited: empty(), exited: empty(), returned: empty(), removed: empty() },
      };
      rows.set(count.county_code, row);
    }
    if (count.status in row.cells) row.cells[count.status] = { from: count.from_count, to: count.to_count };
  }
  return [...rows.values()];
}

function Change({ from, to }: { from: number; to: number }) {
  const delta = to - from;
  return (
    <Flex vertical align="end" gap={2}>
      <span>
        {formatCount(from)} → {formatCount(to)}
      </span>
      {delta !== 0 && <Tag color={delta > 0 ? 'blue' : 'orange'} style={{ marginInlineEnd: 0 }}>{`${delta > 0 ? '+' : ''}${formatCount(delta)}`}</Tag>}
    </Flex>
  );
}

function SnapshotDiffView({ snapshots }: { snapshots: Snapshot[] }) {
  const { t } = useI18n();
  const [fromId, setFromId] = useState<number | undefined>(snapshots[1]?.id);
  const [toId, setToId] = useState<number | undefined>(snapshots[0]?.id);
  const diff = useSnapshotDiff(fromId, toId);
  const rows = useMemo(() => (diff.data ? pivot(diff.data) : []), [diff.data]);
  const countyNames = new Map(rows.map((row) => [row.countyCode, row.countyName]));
  const options = snapshots.map((snapshot) => ({
    value: snapshot.id,
    label: t('registry.snapshots.option', { id: snapshot.id, asOf: snapshot.asOf, at: formatDateTime(snapshot.takenAt) }),
  }));

  const statusLabel = (status: HouseholdStatus | null) => (status ? t(`registry.status.${status}`) : t('registry.snapshots.absent'));

  const columns: TableColumnsType<CountyRow> = [
    { title: t('registry.summary.county'), dataIndex: 'countyName', fixed: 'left', width: 110 },
    ...householdStatuses.map((status) => ({
      title: t(`registry.status.${status}`),
      key: status,
      align: 'right' as const,
      render: (_value: unknown, row: CountyRow) => <Change from={row.cells[status].from} to={row.cells[status].to} />,
    })),
    {
      title: t('registry.summary.total'),
      key: 'total',
      align: 'right',
      render: (_value, row) => {
        const cells = Object.values(row.cells);
        return <Change from={cells.reduce((sum, cell) => sum + cell.from, 0)} to={cells.reduce((sum, cell) => sum + cell.to, 0)} />;
      },
    },
  ];

  type Transition = SnapshotDiff['transitions'][number];
  const transitionColumns: TableColumnsType<Transition> = [
    { title: t('registry.summary.county'), dataIndex: 'county_code', render: (code: string) => countyNames.get(code) ?? code },
    { title: t('registry.snapshots.fromStatus'), dataIndex: 'from_status', render: statusLabel },
    { title: t('registry.snapshots.toStatus'), dataIndex: 'to_status', render: statusLabel },
    { title: t('registry.snapshots.transitionCount'), dataIndex: 'households', align: 'right', render: formatCount },
  ];

  return (
    <Card title={t('registry.snapshots.diff')}>
      <Flex vertical gap={16}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('registry.snapshots.from')} htmlFor="snapshot-from">
            <Select<number> id="snapshot-from" value={fromId} onChange={setFromId} options={options} style={{ width: 380 }} />
          </Form.Item>
          <Form.Item label={t('registry.snapshots.to')} htmlFor="snapshot-to">
            <Select<number> id="snapshot-to" value={toId} onChange={setToId} options={options} style={{ width: 380 }} />
          </Form.Item>
        </Form>
        {fromId === undefined || toId === undefined || fromId === toId ? (
          <Typography.Text type="secondary">{t('registry.snapshots.pickTwo')}</Typography.Text>
        ) : (
          <>
            {diff.isError && <QueryErrorAlert error={diff.error} onRetry={() => void diff.refetch()} />}
            <Table<CountyRow>
              rowKey="countyCode"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={diff.isFetching}
              pagination={false}
              scroll={{ x: 800 }}
            />
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('registry.snapshots.transitions')}
            </Typography.Title>
            {diff.data && diff.data.transitions.length === 0 ? (
              <Typography.Text type="secondary">{t('registry.snapshots.noTransitions')}</Typography.Text>
            ) : (
              <Table<Transition>
                rowKey={(row) => `${row.county_code}-${row.from_status ?? ''}-${row.to_status ?? ''}`}
                size="small"
                columns={transitionColumns}
                dataSource={diff.data?.transitions ?? []}
                loading={diff.isFetching}
                pagination={false}
              />
            )}
          </>
        )}
      </Flex>
    </Card>
  );
}

/** 截止日快照: frozen cut-off snapshots with their content hash, taking a new one, and comparing two. */
export function SnapshotsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const snapshots = useSnapshots();
  const items = snapshots.data?.items ?? [];

  const columns: TableColumnsType<Snapshot> = [
    { title: t('registry.snapshots.id'), dataIndex: 'id', width: 70 },
    { title: t('registry.snapshots.asOf'), dataIndex: 'asOf', width: 120 },
    { title: t('registry.snapshots.takenAt'), dataIndex: 'takenAt', width: 180, render: (value: string) => formatDateTime(value) },
    { title: t('registry.snapshots.takenBy'), dataIndex: 'takenBy', width: 180 },
    { title: t('registry.snapshots.households'), dataIndex: 'householdCount', width: 100, align: 'right', render: formatCount },
    { title: t('registry.snapshots.members'), dataIndex: 'memberCount', width: 100, align: 'right', render: formatCount },
    {
      title: t('registry.snapshots.hash'),
      dataIndex: 'contentHash',
      render: (hash: string) => (
        <Typography.Text copyable={{ text: hash }} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12, wordBreak: 'break-all' }}>
          {hash}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card title={t('registry.snapshots.title')}>
        <Flex vertical gap={16}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('registry.snapshots.intro')}
          </Typography.Paragraph>
          {isOfficeRole(user.role) && <TakeSnapshotForm />}
          {snapshots.isError && <QueryErrorAlert error={snapshots.error} onRetry={() => void snapshots.refetch()} />}
          <Table<Snapshot>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={snapshots.isFetching}
            locale={{ emptyText: <Empty description={t('registry.snapshots.empty')} /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 1100 }}
          />
        </Flex>
      </Card>
      {diffRoles.includes(user.role) && items.length >= 2 && (
        // Keyed on the newest snapshot so a new one resets the default pair.
        <SnapshotDiffView key={items[0]?.id} snapshots={items} />
      )}
      {diffRoles.includes(user.role) && snapshots.isSuccess && items.length < 2 && (
        <Card title={t('registry.snapshots.diff')}>
          <Typography.Text type="secondary">{t('registry.snapshots.pickTwo')}</Typography.Text>
        </Card>
      )}
    </Flex>
  );
}
