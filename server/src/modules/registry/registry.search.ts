import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../kernel/access.ts';
import type { AppContext } from '../../kernel/context.ts';
import { appendAuditEvent, auditActorOf } from '../../kernel/audit.ts';
import { maskIdNumber, personalDataAccessOf, presentPerson, shownIdNumberSql, shownNameSql, showName, type PersonalDataAccess } from '../../kernel/privacy.ts';
import { currentYear } from '../../kernel/time.ts';
import { statusLabels } from './registry.format.ts';
import { isHouseholdVisible } from './registry.policy.ts';

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
 * The SQL condition on households `h` that a search term matches, in what the viewer is shown: the household number
 * and the head's name, and with `members` any member's name or masked 身份证号. Only the parts a term could match are
 * tried — a term of digits never matches a name, a name never a number, and a run of more than six digits never a
 * masked 身份证号 (its visible parts are six and four characters) — so that looking up a household number does not
 * probe every household's members.
 */
export function householdTermMatches(access: PersonalDataAccess, term: string, options: { members: boolean }): RawBuilder<boolean> {
  const pattern = `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const isNumberLike = /^[0-9Xx*]+$/.test(term);
  const parts: RawBuilder<boolean>[] = [];
  if (/^\d+$/.test(term)) parts.push(sql<boolean>`h.household_no LIKE ${pattern}`);
  if (!isNumberLike) parts.push(sql<boolean>`${shownNameSql(access, 'h.head_name')} LIKE ${pattern}`);
  if (options.members) {
    const memberParts: RawBuilder<boolean>[] = [];
    if (!isNumberLike) memberParts.push(sql<boolean>`${shownNameSql(access, 'm.name')} LIKE ${pattern}`);
    if (isNumberLike && access.idNumber === 'masked' && (term.includes('*') || term.length <= 6)) memberParts.push(sql<boolean>`m.id_masked LIKE ${pattern}`);
    if (memberParts.length > 0) {
      parts.push(sql<boolean>`EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND (${sql.join(memberParts, sql` OR `)}))`);
    }
  }
  return parts.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(parts, sql` OR `)})`;
}

/**
 * Households within the actor's scope that match `q` in what the actor is shown (the masking policy): part of
 * the household number, a member's name as shown (a third party sees 张** and finds nothing by a given name),
 * or a 身份证号 as shown — a full number typed in is matched by its visible part (first six, last four), and
 * only a role that may reveal 身份证号 matches it whole, by its lookup hash (never decrypted), with an audit
 * event. Exact household numbers and head names first, at most 20.
 */
export async function searchHouseholds(ctx: AppContext, actor: Actor, q: string) {
  const term = q.trim();
  const access = personalDataAccessOf(actor);
  const isFullIdNumber = FULL_ID_NUMBER.test(term);
  const idHash = isFullIdNumber && access.mayLookUpFullIdNumber ? ctx.personalData.lookupHash(term.toUpperCase()) : null;
  const headName = shownNameSql(access, 'h.head_name');
  const matches = idHash
    ? sql<boolean>`EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND m.id_hash = ${idHash})`
    : isFullIdNumber
      ? sql<boolean>`EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND ${shownIdNumberSql(access, 'm.id_masked')} = ${maskIdNumber(term.toUpperCase())})`
      : householdTermMatches(access, term, { members: true });
  const result = await sql<SearchRow>`
    SELECT h.id, h.household_no, h.head_name, head.id_masked AS head_id_masked, h.village_code,
      v.name AS village_name, t.name AS town_name, c.name AS county_name, h.status
    FROM households h
    JOIN regions v ON v.code = h.village_code
    JOIN regions t ON t.code = h.town_code
    JOIN regions c ON c.code = h.county_code
    LEFT JOIN LATERAL (SELECT id_masked FROM household_members WHERE household_id = h.id AND relation = 'head' ORDER BY id LIMIT 1) head ON true
    WHERE ${isHouseholdVisible(actor, currentYear(ctx.clock))} AND ${matches}
    ORDER BY (h.household_no = ${term} OR ${headName} = ${term}) DESC, h.id
    LIMIT ${HOUSEHOLD_SEARCH_LIMIT}`.execute(ctx.db);
  if (idHash) {
    await ctx.db.transaction().execute((trx) =>
      appendAuditEvent(trx, ctx.clock, auditActorOf(actor), {
        action: 'household_member.look_up_id',
        entityType: 'household_member',
        entityId: maskIdNumber(term.toUpperCase()),
        after: { found: result.rows.map((row) => row.household_no) },
      }),
    );
  }
  return {
    items: result.rows.map((row) => ({
      id: Number(row.id),
      householdNo: row.household_no,
      headName: showName(access, row.head_name),
      headIdMasked: presentPerson(access, { name: row.head_name, idMasked: row.head_id_masked }).idNumber,
      villageCode: row.village_code,
      place: `${row.county_name} ${row.town_name} ${row.village_name}`,
      status: row.status,
      statusLabel: statusLabels[row.status],
    })),
  };
}
