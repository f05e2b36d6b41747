import { Card, Flex, Form, Segmented } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { changeRequestStatuses, useChangeRequests, type ChangeRequestStatus } from './api';
import { ChangeRequestTable } from './ChangeRequestTable';

function parseStatus(value: string | null): ChangeRequestStatus | undefined {
  return changeRequestStatuses.find((status) => status === value);
}

/** 人员变更审批: the office's queue of person change requests. */
export function ChangeRequestsPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = parseStatus(searchParams.get('status'));
  const requests = useChangeRequests(status);

  return (
    <Card title={t('nav.changeRequests')}>
      <Flex vertical gap={16}>
        <Form layout="inline">
          <Form.Item label={t('changeRequests.status')}>
            <Segmented<ChangeRequestStatus | 'all'>
              aria-label={t('changeRequests.status')}
              value={status ?? 'all'}
              onChange={(value) => setSearchParams(value === 'all' ? {} : { status: value }, { replace: true })}
              options={[
                { value: 'all', label: t('common.all') },
                ...changeRequestStatuses.map((value) => ({ value, label: t(`status.${value}`) })),
              ]}
            />
          </Form.Item>
        </Form>
        {requests.isError && <QueryErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />}
        <ChangeRequestTable requests={requests.data?.items ?? []} loading={requests.isFetching} />
      </Flex>
    </Card>
  );
}
