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

// County, town and village codes are 6, 9 and 12 digits, each the prefix of the next.
const levelLengths = [6, 9, 12];

/** The codes below `rootCode` leading to `code` (county → town → village), or null when `code` is not under it. */
function pathTo(code: string, rootCode: string): string[] | null {
  if (!code.startsWith(rootCode)) return null;
  const path = levelLengths.filter((length) => length > rootCode.length && length <= code.length).map((length) => code.slice(0, length));
  return path.at(-1) === code ? path : null;
}

/**
 * County → town → village of Huizhou (or town → village of one county, with `rootCode`), loaded level by
 * level from the public region list; any level may be chosen, or only villages with `villagesOnly`. A
 * value given from the start opens on its path.
 */
export function RegionPicker({
  id,
  value,
  onChange,
  villagesOnly = false,
  rootCode = '4413',
  placeholder,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  villagesOnly?: boolean;
  rootCode?: string;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    const initialPath = value ? pathTo(value, rootCode) : null;
    void (async () => {
      const counties = (await loadPublicRegions(rootCode)).items.map(toOption);
      // Load the levels above the initial value, so the field shows its names rather than codes.
      let level = counties;
      for (const code of initialPath?.slice(0, -1) ?? []) {
        const parent = level.find((option) => option.value === code);
        if (!parent) break;
        parent.children = (await loadPublicRegions(code)).items.map(toOption);
        level = parent.children;
      }
      if (!live) return;
      setOptions(counties);
      if (initialPath) setPath(initialPath);
    })();
    return () => {
      live = false;
    };
    // Only the value the field opens with; later values come from this picker itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!value) setPath([]);
  }, [value]);

  return (
    <Cascader<Option>
      id={id}
      options={options}
      value={path}
      changeOnSelect={!villagesOnly}
      placeholder={placeholder ?? t('complaint.regionPlaceholder')}
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
