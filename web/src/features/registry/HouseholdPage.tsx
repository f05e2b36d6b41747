import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, List, Result, Space, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { isNotFound } from '../../app/api';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { useHousehold, type HouseholdConditions, type HouseholdDetail, type HouseholdStatus } from './api';
import { describeSignalEvidence, formatMoney, HouseholdStatusTag, statusOfLabel, useRegistryLabels } from './format';
import { HouseholdActions } from './HouseholdActions';

type Member = HouseholdDetail['members'][number];
type Income = HouseholdDetail['incomes'][number];

// 两不愁三保障 first, then the basic living conditions the registry also records.
const guaranteeKeys: readonly (keyof HouseholdConditions)[] = ['foodClothing', 'education', 'medical', 'housing'];
const livingKeys: readonly (keyof HouseholdConditions)[] = ['safeWater', 'electricity', 'sanitaryToilet'];

function ConditionTags({ conditions, keys }: { conditions: HouseholdConditions; keys: readonly (keyof HouseholdConditions)[] }) {
  const { t } = useI18n();
  return (
    <Flex wrap gap={8}>
      {keys.map((key) => {
        const label = t(`registry.condition.${key}`);
        const met = conditions[key];
        return (
          <Tag
            key={key}
            color={met ? 'success' : 'error'}
            icon={met ? <CheckCircleOutlined aria-hidden /> : <CloseCircleOutlined aria-hidden />}
            aria-label={t(met ? 'registry.conditions.met' : 'registry.conditions.unmet', { label })}
          >
            {label}
          </Tag>
        );
      })}
    </Flex>
  );
}

const timelineColors: Record<HouseholdStatus, string> = { not_exited: 'blue', exited: 'green', returned: 'red', removed: 'gray' };

function backPath(state: unknown): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? (state as { from: unknown }).from : '';
  return `/registry/households${typeof from === 'string' && from.startsWith('?') ? from : ''}`;
}

/** 贫困户档案: basic information, 两不愁三保障, members (masked ID numbers), incomes, dated history with evidence, signals and actions. */
export function HouseholdPage() {
  const { t } = useI18n();
  const { householdId } = useParams();
  const location = useLocation();
  const detail = useHousehold(householdId);
  const labels = useRegistryLabels();
  const back = backPath(location.state);

  if (detail.isPending) return <PageSpin />;
  if (detail.isError) {
    if (isNotFound(detail.error)) {
      return (
        <Result
          status="404"
          title={t('registry.household.notFound')}
          extra={
            <Link to={back}>
              <Button>{t('registry.household.back')}</Button>
            </Link>
          }
        />
      );
    }
    return <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  }

  const { household, members, incomes, history, flags } = detail.data;
  const none = t('common.none');

  const memberColumns: TableColumnsType<Member> = [
    { title: t('registry.member.name'), dataIndex: 'name', width: 90 },
    { title: t('registry.member.relation'), dataIndex: 'relationLabel', width: 100 },
    {
      title: t('registry.member.idNumber'),
      dataIndex: 'idNumber',
      width: 190,
      render: (idNumber: string | null) => (idNumber ? <Typography.Text code>{idNumber}</Typography.Text> : none),
    },
    { title: t('registry.member.sex'), dataIndex: 'sexLabel', width: 60 },
    { title: t('registry.member.birthYear'), dataIndex: 'birthYear', width: 90 },
    { title: t('registry.member.ethnicity'), dataIndex: 'ethnicity', width: 80 },
    { title: t('registry.member.education'), dataIndex: 'education', width: 100 },
    { title: t('registry.member.health'), dataIndex: 'healthLabel', width: 110 },
    { title: t('registry.member.labour'), dataIndex: 'labourLabel', width: 150 },
    { title: t('registry.member.migrantMonths'), dataIndex: 'migrantMonths', width: 120, align: 'right' },
  ];

  const money = (value: number) => formatMoney(value);
  const incomeColumns: TableColumnsType<Income> = [
    { title: t('registry.income.year'), dataIndex: 'year', width: 80 },
    { title: t('registry.income.wage'), dataIndex: 'wage', align: 'right', render: money },
    { title: t('registry.income.production'), dataIndex: 'production', align: 'right', render: money },
    { title: t('registry.income.property'), dataIndex: 'property', align: 'right', render: money },
    { title: t('registry.income.transfer'), dataIndex: 'transfer', align: 'right', render: money },
    { title: t('registry.income.costs'), dataIndex: 'costs', align: 'right', render: money },
    {
      title: t('registry.income.perCapita'),
      dataIndex: 'perCapita',
      align: 'right',
      render: (value: number) => <Typography.Text strong>{formatMoney(value)}</Typography.Text>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space wrap>
            <span>{t('registry.household.title', { name: household.headName })}</span>
            <HouseholdStatusTag status={household.status} label={household.statusLabel} />
          </Space>
        }
        extra={
          <Space wrap>
            <HouseholdActions detail={detail.data} />
            <Link to={back}>{t('registry.household.back')}</Link>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'no', label: t('registry.householdNo'), children: <Typography.Text copyable>{household.householdNo}</Typography.Text> },
            { key: 'place', label: t('registry.place'), children: household.place },
            { key: 'attribute', label: t('registry.attribute'), children: labels.attribute(household.attributeLabel) },
            { key: 'identified', label: t('registry.identifiedYear'), children: household.identifiedYear },
            { key: 'exitDate', label: t('registry.exitDate'), children: household.exitDate ?? none },
            { key: 'members', label: t('registry.memberCount'), children: household.memberCount },
            { key: 'cause', label: t('registry.mainCause'), children: labels.cause(household.mainCauseLabel) },
            {
              key: 'otherCauses',
              label: t('registry.otherCauses'),
              children: household.otherCauseLabels.length > 0 ? household.otherCauseLabels.map(labels.cause).join(t('registry.ev.listSeparator')) : none,
            },
            { key: 'housingGrade', label: t('registry.housingGrade'), children: household.housingGrade ?? none },
            { key: 'assistancePerson', label: t('registry.assistancePerson'), children: household.assistancePerson ?? none },
            { key: 'assistanceUnit', label: t('registry.assistanceUnit'), children: household.assistanceUnit ?? none },
            { key: 'phone', label: t('registry.phone'), children: household.phone ?? none },
          ]}
        />
        <Typography.Title level={5}>{t('registry.conditions')}</Typography.Title>
        <Flex vertical gap={8}>
          <ConditionTags conditions={household.conditions} keys={guaranteeKeys} />
          <ConditionTags conditions={household.conditions} keys={livingKeys} />
        </Flex>
      </Card>

      <Card title={t('registry.flags')}>
        {flags.length === 0 ? (
          <Typography.Text type="secondary">{t('registry.flags.none')}</Typography.Text>
        ) : (
          <Flex vertical gap={8}>
            {flags.map((flag) => (
              <Alert
                key={flag.kind}
                type="warning"
                showIcon
                title={t(`registry.signal.${flag.kind}`)}
                description={
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'evidence', label: t('registry.flags.evidence'), children: describeSignalEvidence(flag.kind, flag.evidence, t) },
                      { key: 'basis', label: t('registry.flags.basis'), children: flag.basis },
                    ]}
                  />
                }
              />
            ))}
          </Flex>
        )}
      </Card>

      <Card title={t('registry.members')} extra={<Typography.Text type="secondary">{t('registry.members.maskedHint')}</Typography.Text>}>
        <Table<Member> rowKey="id" size="small" columns={memberColumns} dataSource={members} pagination={false} scroll={{ x: 1100 }} />
      </Card>

      <Card title={t('registry.incomes')}>
        {incomes.length === 0 ? (
          <Empty description={t('registry.incomes.empty')} />
        ) : (
          <Table<Income> rowKey="year" size="small" columns={incomeColumns} dataSource={incomes} pagination={false} scroll={{ x: 800 }} />
        )}
      </Card>

      <Card title={t('registry.history')}>
        {history.length === 0 ? (
          <Empty description={t('registry.history.empty')} />
        ) : (
          <Timeline
            items={history.map((change) => ({
              key: change.id,
              color: timelineColors[statusOfLabel(change.toLabel) ?? 'not_exited'],
              title: change.effectiveOn,
              content: (
                <Flex vertical gap={4}>
                  <Typography.Text strong>
                    {change.fromLabel
                      ? t('registry.history.change', { from: labels.status(change.fromLabel), to: labels.status(change.toLabel) })
                      : t('registry.history.created', { to: labels.status(change.toLabel) })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('registry.history.recorded', { actor: change.actorName, at: formatDateTime(change.recordedAt) })}
                  </Typography.Text>
                  {change.evidence.length > 0 ? (
                    <List
                      size="small"
                      split={false}
                      header={<Typography.Text type="secondary">{t('registry.history.evidence')}</Typography.Text>}
                      dataSource={change.evidence}
                      renderItem={(item) => (
                        <List.Item style={{ paddingBlock: 2, paddingInline: 0 }}>
                          <Space size={4}>
                            <Tag>{t(`registry.evidence.${item.kind}`)}</Tag>
                            <span>{item.reference}</span>
                          </Space>
                        </List.Item>
                      )}
                    />
                  ) : (
                    <Typography.Text type="secondary">{t('registry.history.noEvidence')}</Typography.Text>
                  )}
                  {change.note && <Typography.Text>{t('registry.history.note', { note: change.note })}</Typography.Text>}
                </Flex>
              ),
            }))}
          />
        )}
      </Card>
    </Flex>
  );
}
