import { sql, type RawBuilder } from 'kysely';

/**
 * The registry as it stood at the end of a day (R-R2, R-R4): every household registered by `asOf`, with all
 * of its columns plus
 *   - `status_as_of`: the `to_status` of its latest status change effective on or before `asOf`
 *     (ties on one day broken by the order of recording);
 *   - `status_since`: the day that change took effect (for an exited household, its exit date).
 * A household whose first recorded change lies after `asOf` was not yet registered and is left out.
 * Import, the generator and every status change write this history; for a household without any
 * history row its own fields stand in: registered from 1 January of `identified_year`, exited from
 * `exit_date` (31 December of `exit_year` when the date is missing); a 返贫 or 清退 without history
 * has no date, so its current status is taken once the exit (if any) lies on or before `asOf`.
 * One subquery, aliased by the caller: the changes up to `asOf` in one sort, and an existence probe only for the
 * households without a change by then.
 */
export function householdsAsOf(asOf: string): RawBuilder<unknown> {
  const exitOnRecord = sql`coalesce(h.exit_date, make_date(h.exit_year, 12, 31))`;
  return sql`
    SELECT h.*,
      CASE WHEN s.household_id IS NOT NULL THEN s.status
        WHEN h.status IN ('exited', 'returned') AND ${exitOnRecord} > ${asOf}::date THEN 'not_exited'
        ELSE h.status END AS status_as_of,
      CASE WHEN s.household_id IS NOT NULL THEN s.since
        WHEN h.status = 'exited' AND ${exitOnRecord} <= ${asOf}::date THEN ${exitOnRecord} END AS status_since
    FROM households h
    LEFT JOIN (
      SELECT DISTINCT ON (household_id) household_id, to_status AS status, effective_on AS since
      FROM household_status_changes WHERE effective_on <= ${asOf}::date
      ORDER BY household_id, effective_on DESC, id DESC
    ) s ON s.household_id = h.id
    -- No change by then: registered later (its first change comes after the day), or no history at all (its own fields).
    WHERE s.household_id IS NOT NULL
      OR (make_date(h.identified_year, 1, 1) <= ${asOf}::date AND NOT EXISTS (SELECT 1 FROM household_status_changes c WHERE c.household_id = h.id))`;
}
