import type { HouseholdStatusCode } from '../../db/schema.registry.ts';
import { defineWorkflow } from '../../kernel/workflow.ts';
import type { evidenceKinds } from './registry.schema.ts';

/** A household's status (R-R2): every change dated, attributed and evidenced. */
export const householdStatusWorkflow = defineWorkflow<HouseholdStatusCode, 'exit' | 'return' | 'remove'>({
  entityType: 'household',
  table: 'households',
  entityLabel: '贫困户',
  stateLabels: { not_exited: '未脱贫', exited: '已脱贫', returned: '返贫', removed: '清退' },
  actions: {
    exit: { from: ['not_exited', 'returned'], to: 'exited', by: ['office_admin', 'office_staff', 'county_user', 'town_user'], label: '标注脱贫' },
    return: { from: ['exited'], to: 'returned', by: ['office_admin', 'office_staff', 'county_user', 'town_user'], label: '标注返贫' },
    remove: { from: ['not_exited', 'exited', 'returned'], to: 'removed', by: ['office_admin', 'office_staff', 'county_user'], label: '清退' },
  },
});

/** The evidence each change needs: an exit goes through 民主评议, 公示 and the household's 签字认可. */
export const requiredEvidence: Record<'exit' | 'return' | 'remove', readonly (typeof evidenceKinds)[number][]> = {
  exit: ['democratic_review', 'public_notice', 'signed_acknowledgement'],
  return: ['democratic_review', 'public_notice'],
  remove: ['democratic_review', 'public_notice'],
};
