import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { loadPublicRegions, type PublicRegion } from './api';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const toOption = (region: PublicRegion): Option => ({ value: region.code, label: region.name, isLeaf: !region.hasChildren || region.level === 'village' });

/** County → town → village of Huizhou, loaded level by level from the public region list; any level may be chosen. */
export function RegionPicker({ id, value, onChange }: { id?: string; value?: string; onChange?: (code: string | undefined) => void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    void loadPublicRegions('4413').then((result) => {
      if (live) setOptions(result.items.map(toOption));
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!value) setPath([]);
  }, [value]);

  return (
    <Cascader<Option>
      id={id}
      options={options}
      value={path}
      changeOnSelect
      placeholder={t('complaint.regionPlaceholder')}
      loadData={async (selected) => {
        const target = selected[selected.length - 1];
        if (!target) return;
        const result = await loadPublicRegions(target.value);
        target.children = result.items.map(toOption);
        setOptions((current) => [...current]);
      }}
      onChange={(next) => {
        const codes = (next ?? []).map(String);
        setPath(codes);
        onChange?.(codes[codes.length - 1]);
      }}
      style={{ width: '100%' }}
    />
  );
}
