import { sql } from 'kysely';
import type { Actor } from '../../kernel/access.ts';
import type { AppContext } from '../../kernel/context.ts';
import { currentYear } from '../../kernel/time.ts';
import { statusLabels } from './registry.format.ts';
import { isHouseholdVisible, seesMinimalPersonalData, shortenName } from './registry.policy.ts';

/** A picker shows a page of choices, not a result list. */
export const HOUSEHOLD_SEARCH_LIMIT = 20;

const FULL_ID_NUMBER = /^\d{17}[\dXx]$/;

type SearchRow = {
  id: number;
  household_no: string;
  head_name: string;
  head_id_masked: string | null;
  village_code: string;
  village_name: string;
  town_name: string;
  county_name: string;
  status: keyof typeof statusLabels;
};

/**
 * Households within the actor's scope that match `q` — a full 身份证号 of any member (by its lookup hash,
 * never decrypted), or part of the household number, a member's name or a masked ID number (such as its
 * last four digits) — exact household numbers and head names first, at most 20. 身份证号 only ever leave
 * masked; third-party evaluators get names shortened to the surname (R-R6).
 */
export async function searchHouseholds(ctx: AppContext, actor: Actor, q: string) {
  const term = q.trim();
  const idHash = FULL_ID_NUMBER.test(term) ? ctx.personalData.lookupHash(term.toUpperCase()) : null;
  const pattern = `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const matches = idHash
    ? sql<boolean>`EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND m.id_hash = ${idHash})`
    : sql<boolean>`(h.household_no LIKE ${pattern} OR h.head_name LIKE ${pattern}
        OR EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND (m.name LIKE ${pattern} OR m.id_masked LIKE ${pattern})))`;
  const result = await sql<SearchRow>`
    SELECT h.id, h.household_no, h.head_name, head.id_masked AS head_id_masked, h.village_code,
      v.name AS village_name, t.name AS town_name, c.name AS county_name, h.status
    FROM households h
    JOIN regions v ON v.code = h.village_code
    JOIN regions t ON t.code = h.town_code
    JOIN regions c ON c.code = h.county_code
    LEFT JOIN LATERAL (SELECT id_masked FROM household_members WHERE household_id = h.id AND relation = 'head' ORDER BY id LIMIT 1) head ON true
    WHERE ${isHouseholdVisible(actor, currentYear(ctx.clock))} AND ${matches}
    ORDER BY (h.household_no = ${term} OR h.head_name = ${term}) DESC, h.id
    LIMIT ${HOUSEHOLD_SEARCH_LIMIT}`.execute(ctx.db);
  const isMinimal = seesMinimalPersonalData(actor);
  return {
    items: result.rows.map((row) => ({
      id: Number(row.id),
      householdNo: row.household_no,
      headName: isMinimal ? shortenName(row.head_name) : row.head_name,
      headIdMasked: row.head_id_masked,
      villageCode: row.village_code,
      place: `${row.county_name} ${row.town_name} ${row.village_name}`,
      status: row.status,
      statusLabel: statusLabels[row.status],
    })),
  };
}
