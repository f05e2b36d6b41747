import { Select } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import { usePeople } from '../people/api';
import { useAssessmentUnits } from '../regions/api';
import { useUnits } from '../units/api';
import type { ScopeField } from './api';

interface ScopePickerProps {
  id?: string;
  field: ScopeField;
  value?: string | number | null;
  onChange?: (value: string | number | undefined) => void;
  /** Shown for the value the field opens with, before a search has loaded it (a person). */
  initialLabel?: string;
  placeholder?: string;
  allowClear?: boolean;
}

function AssessmentUnitSelect(props: Omit<ScopePickerProps, 'field' | 'initialLabel'>) {
  const units = useAssessmentUnits(undefined);
  return (
    <Select<string>
      {...props}
      value={(props.value as string | null | undefined) ?? undefined}
      showSearch={{ optionFilterProp: 'label' }}
      loading={units.isPending}
      options={(units.data?.items ?? []).map((unit) => ({ value: unit.code, label: unit.name }))}
    />
  );
}

function TownSelect(props: Omit<ScopePickerProps, 'field' | 'initialLabel'>) {
  const units = useAssessmentUnits(undefined);
  // Towns grouped by the assessment unit that administers them (R-O2).
  const options = (units.data?.items ?? []).map((unit) => ({
    label: unit.name,
    title: unit.name,
    options: unit.towns.map((town) => ({ value: town.code, label: `${town.name}（${unit.name}）` })),
  }));
  return (
    <Select<string>
      {...props}
      value={(props.value as string | null | undefined) ?? undefined}
      showSearch={{ optionFilterProp: 'label' }}
      loading={units.isPending}
      options={options}
    />
  );
}

function UnitSelect(props: Omit<ScopePickerProps, 'field' | 'initialLabel'>) {
  const units = useUnits();
  return (
    <Select<number>
      {...props}
      value={(props.value as number | null | undefined) ?? undefined}
      showSearch={{ optionFilterProp: 'label' }}
      loading={units.isPending}
      options={(units.data?.items ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
    />
  );
}

function PersonSelect({ initialLabel, ...props }: Omit<ScopePickerProps, 'field'>) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const people = usePeople({ q, unitId: '', rank: undefined, page: 1, pageSize: 50 });
  const options = (people.data?.items ?? []).map((person) => ({ value: person.id, label: `${person.name}（${person.unitName}，${person.post}）` }));
  const value = (props.value as number | null | undefined) ?? undefined;
  if (value !== undefined && initialLabel && !options.some((option) => option.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select<number>
      {...props}
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={people.isFetching}
      placeholder={props.placeholder ?? t('users.personSearch')}
      options={options}
    />
  );
}

/**
 * The picker of the scope a role takes: an assessment unit, a town (grouped by assessment unit), a
 * unit, or a person on the roster searched by name — never a typed code.
 */
export function ScopePicker({ field, initialLabel, ...props }: ScopePickerProps) {
  if (field === 'assessmentUnitCode') return <AssessmentUnitSelect {...props} />;
  if (field === 'townCode') return <TownSelect {...props} />;
  if (field === 'unitId') return <UnitSelect {...props} />;
  return <PersonSelect {...props} initialLabel={initialLabel} />;
}
