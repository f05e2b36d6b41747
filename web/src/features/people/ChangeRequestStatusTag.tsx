import { Tag } from 'antd';
import { useI18n } from '../../app/i18n';
import type { ChangeRequest, ChangeRequestStatus } from './api';

const statusColors: Record<ChangeRequestStatus, string> = {
  submitted: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function ChangeRequestStatusTag({ request }: { request: ChangeRequest }) {
  const { serverLabel } = useI18n();
  return <Tag color={statusColors[request.status]}>{serverLabel(request.statusLabel, `status.${request.status}`)}</Tag>;
}
