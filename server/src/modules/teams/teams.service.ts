import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import type { Clock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';
import { parametersFor } from '../parameters/parameters.service.ts';
import * as repo from './teams.repo.ts';
import { assertLeaderRank, assertNoHomeCountyConflict, type InspectedCounty } from './teams.rules.ts';

export { findTeamOfInspection, findTeamRoleOfUser } from './teams.repo.ts';
// Supervision teams (督7) apply the same cross-supervision rule (督5) to the same candidate facts.
export { findTeamCandidates } from './teams.repo.ts';
export { assertNoHomeCountyConflict, type TeamCandidate } from './teams.rules.ts';

/**
 * Forms an inspection team inside the caller's transaction after checking the rules of the
 * measures for every person: the leader's rank (督14, the minimum of the inspection's year) and
 * cross inspection (督5). Audited.
 */
export async function formInspectionTeam(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  input: { inspectionId: number; year: number; name: string; leaderId: number; memberIds: readonly number[]; inspected: InspectedCounty },
): Promise<number> {
  const ids = [input.leaderId, ...input.memberIds];
  const candidates = await repo.findTeamCandidates(trx, ids);
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    const field = missing.includes(input.leaderId) ? 'leaderId' : 'memberIds';
    throw new AppError('VALIDATION_FAILED', `字段「${field}」无效：不存在编号为 ${missing.join('、')} 的人员`, {
      fields: [{ field, message: `人员 ${missing.join('、')} 不存在` }],
    });
  }
  const leader = byId.get(input.leaderId)!;
  const { inspectionLeaderMinimumRank } = await parametersFor(trx, input.year);
  assertLeaderRank(leader, inspectionLeaderMinimumRank);
  for (const id of ids) assertNoHomeCountyConflict(byId.get(id)!, input.inspected);

  const teamId = await repo.insertTeam(trx, { ...input, formedBy: actor.id, formedAt: clock.now() });
  await appendAuditEvent(trx, clock, { id: actor.id, name: actor.displayName }, {
    action: 'team.form',
    entityType: 'team',
    entityId: teamId,
    after: { inspectionId: input.inspectionId, name: input.name, leaderId: input.leaderId, memberIds: input.memberIds },
  });
  return teamId;
}
