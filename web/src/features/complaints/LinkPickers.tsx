import { Empty, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { useInspections } from '../inspections/api';
import { useLedger } from '../rectifications/api';
import { useHouseholdSearch, type Complaint } from './api';

type PickerProps<Value> = { id?: string; value?: Value | null; onChange?: (value: Value | undefined) => void };

/** The search term, once the user has stopped typing for a moment. */
function useSettled(text: string, delayMs = 300): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return settled;
}

const householdLabel = (household: { householdNo: string | null; headName: string | null }, extra?: string) =>
  [household.headName, household.householdNo, extra].filter(Boolean).join(' · ');

/** A registry household found by number, name or 身份证号 through the server's search (within the user's scope). */
export function HouseholdSelect({ id, value, onChange, linked }: PickerProps<number> & { linked: Complaint['household'] }) {
  const { t } = useI18n();
  const [term, setTerm] = useState('');
  const settled = useSettled(term);
  const search = useHouseholdSearch(settled);
  const found = (search.data?.items ?? []).map((household) => ({
    value: household.id,
    label: householdLabel(household, household.headIdMasked ?? undefined),
    place: household.place,
  }));
  const current = linked && value === linked.id && !found.some((option) => option.value === linked.id) ? [{ value: linked.id, label: householdLabel(linked), place: '' }] : [];
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next)}
      allowClear
      placeholder={t('complaint.householdSearch')}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={search.isFetching}
      options={[...current, ...found]}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          {option.data.place && <Typography.Text type="secondary">{option.data.place}</Typography.Text>}
        </div>
      )}
      notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(settled.trim() ? 'complaint.householdNotFound' : 'complaint.householdTypeToSearch')} />}
    />
  );
}

/** A problem of the ledger, limited to the complaint's county when it is known. */
export function ProblemSelect({ id, value, onChange, complaint }: PickerProps<number> & { complaint: Complaint }) {
  const { t } = useI18n();
  const unitCode = complaint.assignedUnitCode ?? complaint.suggestedUnitCode ?? undefined;
  const ledger = useLedger(unitCode ? { unitCode } : {});
  const problems = ledger.data?.items ?? [];
  const options = problems.map((problem) => ({
    value: problem.id,
    label: `${problem.description}（${problem.responsibleUnitName}，${problem.statusLabel}）`,
  }));
  const linked = complaint.problem;
  if (linked && value === linked.id && !options.some((option) => option.value === linked.id)) {
    options.unshift({ value: linked.id, label: linked.description ?? `#${linked.id}` });
  }
  const unitName = problems.find((problem) => problem.responsibleUnitCode === unitCode)?.responsibleUnitName ?? complaint.assignedUnitName;
  return (
    <>
      <Select<number>
        id={id}
        value={value ?? undefined}
        onChange={(next) => onChange?.(next)}
        allowClear
        placeholder={t('complaint.problemPlaceholder')}
        showSearch={{ optionFilterProp: 'label' }}
        loading={ledger.isFetching}
        options={options}
        notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaint.noMatch')} />}
      />
      {unitCode && unitName && <Typography.Text type="secondary">{t('complaint.problemsOfUnit', { unit: unitName })}</Typography.Text>}
    </>
  );
}

/** An inspection (巡查), the complaint's county first when it is known. */
export function InspectionSelect({ id, value, onChange, complaint }: PickerProps<number> & { complaint: Complaint }) {
  const { t } = useI18n();
  const inspections = useInspections(undefined);
  const unitCode = complaint.assignedUnitCode ?? complaint.suggestedUnitCode ?? null;
  const sorted = [...(inspections.data?.items ?? [])].sort(
    (a, b) => Number(b.assessmentUnitCode === unitCode) - Number(a.assessmentUnitCode === unitCode) || b.year - a.year || b.id - a.id,
  );
  const options = sorted.map((inspection) => ({ value: inspection.id, label: `${inspection.title}（${inspection.assessmentUnitName}，${inspection.year}）` }));
  const linked = complaint.inspection;
  if (linked && value === linked.id && !options.some((option) => option.value === linked.id)) {
    options.unshift({ value: linked.id, label: linked.title ?? `#${linked.id}` });
  }
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next)}
      allowClear
      placeholder={t('complaint.inspectionPlaceholder')}
      showSearch={{ optionFilterProp: 'label' }}
      loading={inspections.isFetching}
      options={options}
      notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaint.noMatch')} />}
    />
  );
}
