import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { registryYears, useDefaultRegistryYear } from './api';

/**
 * The year a registry page shows: from the address when valid, else the registry's default year
 * (2017 when the server's own default has no data). Undefined while the default is being learned.
 */
export function useRegistryYear(): { year: number | undefined; setYear: (year: number) => void } {
  const [searchParams, setSearchParams] = useSearchParams();
  const fallback = useDefaultRegistryYear();
  const fromAddress = Number(searchParams.get('year'));
  const year = registryYears.includes(fromAddress) ? fromAddress : fallback.year;
  const setYear = (next: number) => {
    const params = new URLSearchParams(searchParams);
    params.set('year', String(next));
    setSearchParams(params, { replace: true });
  };
  return { year, setYear };
}

export function YearSelect({ id, year, onChange }: { id: string; year: number | undefined; onChange: (year: number) => void }) {
  const { t } = useI18n();
  return (
    <Select<number>
      id={id}
      value={year}
      loading={year === undefined}
      onChange={onChange}
      style={{ width: 110 }}
      options={registryYears.map((option) => ({ value: option, label: t('registry.yearOption', { year: option }) }))}
    />
  );
}
