import { Tag } from 'antd';
import { formatDateTime } from '../../app/formatDateTime';
import { useI18n, type Translate } from '../../app/i18n';
import { zh } from '../../app/messages';
import { householdStatuses, povertyCauses, type HouseholdStatus, type PovertyCause, type SignalEvidence, type SignalKind } from './api';

const statusColors: Record<HouseholdStatus, string> = {
  not_exited: 'orange',
  exited: 'green',
  returned: 'red',
  removed: 'default',
};

/** A household status as a coloured tag, in the server's Chinese or the English dictionary. */
export function HouseholdStatusTag({ status, label }: { status: HouseholdStatus; label?: string | null }) {
  const { serverLabel } = useI18n();
  return <Tag color={statusColors[status]}>{serverLabel(label, `registry.status.${status}`)}</Tag>;
}

/** The status code behind a Chinese label the server sent without its code (e.g. in the history). */
export function statusOfLabel(label: string | null | undefined): HouseholdStatus | undefined {
  return householdStatuses.find((status) => zh[`registry.status.${status}`] === label);
}

export function causeOfLabel(label: string | null | undefined): PovertyCause | undefined {
  return povertyCauses.find((cause) => zh[`registry.cause.${cause}`] === label);
}

export type HouseholdAttribute = 'general' | 'dibao' | 'tekun';
const attributes: readonly HouseholdAttribute[] = ['general', 'dibao', 'tekun'];

export function attributeOfLabel(label: string | null | undefined): HouseholdAttribute | undefined {
  return attributes.find((attribute) => zh[`registry.attribute.${attribute}`] === label);
}

/** A label the server sends in Chinese, in English when its code is known (else as sent). */
export function useRegistryLabels() {
  const { serverLabel } = useI18n();
  return {
    status: (label: string | null | undefined) => {
      const code = statusOfLabel(label);
      return code ? serverLabel(label, `registry.status.${code}`) : (label ?? '');
    },
    cause: (label: string | null | undefined) => {
      const code = causeOfLabel(label);
      return code ? serverLabel(label, `registry.cause.${code}`) : (label ?? '');
    },
    attribute: (label: string | null | undefined) => {
      const code = attributeOfLabel(label);
      return code ? serverLabel(label, `registry.attribute.${code}`) : (label ?? '');
    },
  };
}

const moneyFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const countFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** 7420.5 → "7,420.5"; "" for no value. */
export function formatMoney(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const number = Number(value);
  return Number.isFinite(number) ? moneyFormat.format(number) : String(value);
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : countFormat.format(value);
}

/** 0.0523 → "5.2%". */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return `${(value * 100).toFixed(1)}%`;
}

/** 1234567 → "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const dateOnly = (value: unknown): string => text(value).slice(0, 10);
const statusCodes: readonly string[] = ['not_exited', 'exited', 'returned', 'removed'];
const guaranteeKeys = ['foodClothing', 'education', 'medical', 'housing'] as const;

/**
 * A detector's evidence for one household as a sentence, e.g. 收入 6,896.03 元 / 脱贫线 6,819 元;
 * unknown shapes fall back to "key: value" pairs so nothing the server says is hidden.
 */
export function describeSignalEvidence(kind: SignalKind | string, evidence: SignalEvidence | null | undefined, t: Translate): string {
  const e = evidence ?? {};
  switch (kind) {
    case 'exits_bunched_before_cutoff':
      return t('registry.ev.bunched', {
        date: dateOnly(e.exitDate),
        exits: text(e.villageExits),
        late: text(e.villageLateExits),
        days: text(e.windowDays),
      });
    case 'income_just_above_line': {
      const income = Number(e.perCapitaIncome);
      const line = Number(e.exitIncomeLine);
      return t('registry.ev.income', {
        income: formatMoney(income),
        line: formatMoney(line),
        pct: line > 0 ? formatShare((income - line) / line) : '',
      });
    }
    case 'exit_without_guarantees': {
      const unmet = guaranteeKeys.filter((key) => e[key] === false).map((key) => t(`registry.condition.${key}`));
      return t('registry.ev.guarantees', { items: unmet.join(t('registry.ev.listSeparator')) || t('common.none') });
    }
    case 'edit_after_cutoff': {
      const change = text(e.change);
      return t('registry.ev.edit', {
        actor: text(e.actor),
        recordedAt: formatDateTime(text(e.recordedAt)),
        effectiveOn: dateOnly(e.effectiveOn),
        change: statusCodes.includes(change) ? t(`registry.status.${change as HouseholdStatus}`) : change,
      });
    }
    case 'exit_then_return':
      return t('registry.ev.return', { exitedOn: dateOnly(e.exitedOn), returnedOn: dateOnly(e.returnedOn), days: text(e.days) });
    case 'operator_volume':
      return t('registry.ev.operator', {
        operator: text(e.operator),
        day: dateOnly(e.day),
        count: text(e.changesThatDay),
        limit: text(e.dailyLimit),
      });
    default:
      return Object.entries(e)
        .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : text(value)}`)
        .join('; ');
  }
}

