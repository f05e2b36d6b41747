import { useCallback } from 'react';
import { useI18n } from '../../app/i18n';
import type { ChangeRequest } from './api';

/** "职级：科级 → 处级；单位：A → B" for a change request, in the current language. */
export function useChangeSummary(): (request: ChangeRequest) => string {
  const { t, serverLabel, language } = useI18n();
  return useCallback(
    (request: ChangeRequest) => {
      const parts: string[] = [];
      const { changes, current } = request;
      if (changes.rank) {
        parts.push(
          t('changeRequests.rankChange', {
            from: serverLabel(current.rankLabel, `rank.${current.rank}`),
            to: serverLabel(changes.rankLabel, `rank.${changes.rank}`),
          }),
        );
      }
      if (changes.unitId !== undefined) {
        parts.push(t('changeRequests.unitChange', { from: current.unitName, to: changes.unitName ?? String(changes.unitId) }));
      }
      return parts.join(language === 'zh' ? '；' : '; ');
    },
    [t, serverLabel, language],
  );
}
