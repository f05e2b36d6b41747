import { Tag } from 'antd';
import { useI18n } from '../../app/i18n';
import type { InspectionStatus } from './api';

const colors: Record<InspectionStatus, string> = {
  proposed: 'gold',
  approved: 'blue',
  rejected: 'default',
  team_formed: 'cyan',
  in_field: 'processing',
  report_submitted: 'purple',
  feedback_issued: 'orange',
  closed: 'success',
};

export function InspectionStatusTag({ status, label }: { status: InspectionStatus; label: string }) {
  const { serverLabel } = useI18n();
  return <Tag color={colors[status]}>{serverLabel(label, `inspection.status.${status}`)}</Tag>;
}
