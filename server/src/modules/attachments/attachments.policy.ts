import { sql, type RawBuilder } from 'kysely';
import type { InspectionStatus, ProblemStatus } from '../../db/schema.ts';
import type { AttachmentOwnerType, SupervisionStatus } from '../../db/schema.supervisions.ts';
import type { Actor } from '../../kernel/access.ts';
import { AppError } from '../../kernel/errors.ts';
import { canReadWorkingPapers, inspectionOfficeRoles, isInspectionVisible } from '../inspections/inspections.policy.ts';
import { inspectionWorkflow } from '../inspections/inspections.workflow.ts';
import { isProblemVisible } from '../rectifications/rectifications.policy.ts';
import { rectificationWorkflow } from '../rectifications/rectifications.workflow.ts';
import { canReadReport, isSupervisionVisible } from '../supervisions/supervisions.policy.ts';
import { supervisionWorkflow } from '../supervisions/supervisions.workflow.ts';

/** The record an attachment hangs on, as far as the rules need it. */
export type AttachmentOwner =
  | { ownerType: 'inspection_record'; ownerId: number; status: InspectionStatus; isOnTeam: boolean }
  | { ownerType: 'supervision_record'; ownerId: number; status: SupervisionStatus; isOnTeam: boolean }
  | {
      ownerType: 'problem';
      ownerId: number;
      status: ProblemStatus;
      responsibleUnitCode: string | null;
      responsibleUnitId: number | null;
      isNotified: boolean;
    };

/**
 * SQL conditions under which the actor may read an owner's attachments: exactly who may read the
 * owner. Field records are working papers, so the inspected or supervised county (or unit) never
 * sees them (`canReadWorkingPapers`, `canReadReport`); a problem is read by whoever sees it in the
 * ledger. `null` means the actor may read none of that kind.
 */
export function ownerVisibility(actor: Actor, ownerType: AttachmentOwnerType): RawBuilder<boolean> | null {
  switch (ownerType) {
    case 'inspection_record':
      return canReadWorkingPapers(actor) ? isInspectionVisible(actor) : null;
    case 'supervision_record':
      return canReadReport(actor) ? isSupervisionVisible(actor) : null;
    case 'problem':
      return isProblemVisible(actor);
  }
}

/** SQL: whether the actor sits on the team of the inspection aliased `i`. */
export function isOnInspectionTeam(actor: Actor): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM teams own_team
    JOIN team_members own_member ON own_member.team_id = own_team.id
    JOIN users own_user ON own_user.person_id = own_member.person_id
    WHERE own_team.inspection_id = i.id AND own_user.id = ${actor.id})`;
}

/** SQL: whether the actor sits on the team of the supervision aliased `s`. */
export function isOnSupervisionTeam(actor: Actor): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM supervision_team_members own_member
    JOIN users own_user ON own_user.person_id = own_member.person_id
    WHERE own_member.supervision_id = s.id AND own_user.id = ${actor.id})`;
}

function isOffice(actor: Actor): boolean {
  return inspectionOfficeRoles.includes(actor.role);
}

function isTeamRole(actor: Actor): boolean {
  return actor.role === 'team_leader' || actor.role === 'team_member';
}

/** Whether the actor is the one who rectifies this problem: the responsible county's user, or the responsible assistance unit's. */
function isResponsibleFor(actor: Actor, owner: Extract<AttachmentOwner, { ownerType: 'problem' }>): boolean {
  if (actor.role === 'county_user' && actor.scope.kind === 'assessment_unit') return owner.responsibleUnitCode === actor.scope.code;
  if (actor.role === 'assist_unit_user' && actor.scope.kind === 'unit') return owner.responsibleUnitId === actor.scope.unitId;
  return false;
}

/** The states in which the responsible county may still add evidence: those it may report from (the `submit` action). */
export const evidenceStates: readonly ProblemStatus[] = rectificationWorkflow.actions.submit.from;

/**
 * Why the actor may not add (or remove their own) attachments on this owner now: FORBIDDEN for the
 * wrong person, INVALID_STATE for the wrong moment, each saying who or when; null when they may.
 * Field records: the city office or a member of that team, during field work. Problems: the
 * responsible county (or assistance unit) until it reports, and the city office at any time.
 */
export function refusalToChangeAttachments(actor: Actor, owner: AttachmentOwner, what: string): AppError | null {
  switch (owner.ownerType) {
    case 'inspection_record':
    case 'supervision_record': {
      const isInspection = owner.ownerType === 'inspection_record';
      if (!isOffice(actor) && !(isTeamRole(actor) && owner.isOnTeam)) {
        return new AppError('FORBIDDEN', `只有市扶贫办或本${isInspection ? '巡查' : '督查'}组成员可以${what}`);
      }
      if (owner.status !== 'in_field') {
        const label = isInspection
          ? inspectionWorkflow.stateLabels[owner.status as InspectionStatus]
          : supervisionWorkflow.stateLabels[owner.status as SupervisionStatus];
        return new AppError('INVALID_STATE', `该${isInspection ? '巡查' : '督查'}当前状态为「${label}」，只有在实地${isInspection ? '巡查' : '督查'}期间才能${what}`, {
          currentState: owner.status,
          allowedFrom: ['in_field'],
        });
      }
      return null;
    }
    case 'problem': {
      if (isOffice(actor)) return null;
      if (!isResponsibleFor(actor, owner)) return new AppError('FORBIDDEN', `只有问题的责任县（区）或责任单位、市扶贫办可以${what}`);
      if (!owner.isNotified || !evidenceStates.includes(owner.status)) {
        const allowed = evidenceStates.map((state) => `「${rectificationWorkflow.stateLabels[state]}」`).join('、');
        return new AppError(
          'INVALID_STATE',
          `该问题当前状态为「${rectificationWorkflow.stateLabels[owner.status]}」，只有在${allowed}时才能${what}`,
          { currentState: owner.status, allowedFrom: evidenceStates },
        );
      }
      return null;
    }
  }
}

/** Throws the refusal, if any (see `refusalToChangeAttachments`). */
export function assertMayChangeAttachments(actor: Actor, owner: AttachmentOwner, what: string): void {
  const refusal = refusalToChangeAttachments(actor, owner, what);
  if (refusal) throw refusal;
}
