import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { loadPublicRegions, type PublicRegion } from './api';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  regionCode: string | null;
  children?: Option[];
}

const toOption = (region: PublicRegion): Option => ({
  value: region.code,
  label: region.name,
  isLeaf: !region.hasChildren || region.level === 'village',
  regionCode: region.regionCode,
});

// County, town and village codes are 6, 9 and 12 digits, each the prefix of the next.
const levelLengths = [6, 9, 12];

/** The region codes below `rootCode` leading to `code` (county → town → village), or null when `code` is not under it. */
function pathTo(code: string, rootCode: string): string[] | null {
  if (!code.startsWith(rootCode)) return null;
  const path = levelLengths.filter((length) => length > rootCode.length && length <= code.length).map((length) => code.slice(0, length));
  return path.at(-1) === code ? path : null;
}

/**
 * Under the city the first level is the assessment unit (考2), not the county: the path to a value starts with the unit
 * whose towns hold it (or which governs the county given), then the town and the village.
 */
async function unitPathTo(code: string, units: Option[]): Promise<{ path: string[]; towns: Option[] } | null> {
  const county = code.slice(0, 6);
  for (const unit of units.filter((candidate) => candidate.regionCode === null || candidate.regionCode === county)) {
    if (code.length === 6) return unit.regionCode === code ? { path: [unit.value], towns: [] } : null;
    const towns = (await loadPublicRegions(unit.value)).items.map(toOption);
    if (towns.some((town) => town.value === code.slice(0, 9))) return { path: [unit.value, ...(pathTo(code, county) ?? []).slice(1)], towns };
  }
  return null;
}

/**
 * Assessment unit → town → village of Huizhou (or town → village of one county, with `rootCode`), loaded level by
 * level from the public list; any level may be chosen (a unit means the county it governs; 大亚湾 and 仲恺 govern
 * none, so there a town), or only villages with `villagesOnly`. A value given from the start opens on its path.
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
    void (async () => {
      const top = (await loadPublicRegions(rootCode)).items.map(toOption);
      let initialPath = value ? pathTo(value, rootCode) : null;
      // Load the levels above the initial value, so the field shows its names rather than codes.
      let level = top;
      let start = 0;
      if (value && rootCode === '4413') {
        const found = await unitPathTo(value, top);
        initialPath = found?.path ?? null;
        const unit = top.find((option) => option.value === found?.path[0]);
        if (unit && found && found.towns.length > 0) {
          unit.children = found.towns;
          level = found.towns;
          start = 1;
        }
      }
      for (const code of initialPath?.slice(start, -1) ?? []) {
        const parent = level.find((option) => option.value === code);
        if (!parent) break;
        parent.children = (await loadPublicRegions(code)).items.map(toOption);
        level = parent.children;
      }
      if (!live) return;
      setOptions(top);
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
      onChange={(next, selected) => {
        setPath((next ?? []).map(String));
        // 大亚湾 or 仲恺 alone names no region: the field stays empty until a town is chosen.
        onChange?.(selected?.at(-1)?.regionCode ?? undefined);
      }}
      style={{ width: '100%' }}
    />
  );
}
