import { sql, type Transaction } from 'kysely';
import type { DB, Role } from '../db/schema.ts';
import type { Actor } from './access.ts';
import { roleLabels } from './access.ts';
import { appendAuditEvent, type AuditActor } from './audit.ts';
import type { Clock } from './clock.ts';
import { AppError } from './errors.ts';

export type WorkflowAction<State extends string> = {
  from: readonly State[];
  to: State;
  by: readonly Role[];
  label: string;
};

export type Workflow<State extends string, Action extends string> = {
  entityType: string;
  table: keyof DB & string;
  entityLabel: string;
  stateLabels: Record<State, string>;
  actions: Record<Action, WorkflowAction<State>>;
};

/** Declares a workflow as data: its states, and for each action the states it leaves, the state it reaches and who may take it. */
export function defineWorkflow<State extends string, Action extends string>(workflow: Workflow<State, Action>) {
  return workflow;
}

/** The actions this actor could take on a record in this state: what the UI shows as buttons. */
export function availableActions<State extends string, Action extends string>(
  workflow: Workflow<State, Action>,
  actor: Pick<Actor, 'role'>,
  state: State,
): Action[] {
  return (Object.keys(workflow.actions) as Action[]).filter((name) => {
    const action = workflow.actions[name];
    return action.from.includes(state) && action.by.includes(actor.role);
  });
}

/**
 * Moves one record from an allowed state to the action's target state with a conditional
 * UPDATE … WHERE status = ANY(from), and writes the audit event in the same transaction.
 * Of two concurrent attempts exactly one matches the WHERE; the other gets INVALID_STATE.
 * The caller has already checked that the record is within the actor's scope.
 */
export async function applyTransition<State extends string, Action extends string>(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  workflow: Workflow<State, Action>,
  actionName: Action,
  id: number,
  patch: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const action = workflow.actions[actionName];
  if (!action.by.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `您的角色（${roleLabels[actor.role]}）无权对${workflow.entityLabel}执行「${action.label}」`, {
      action: actionName,
      allowedRoles: action.by,
    });
  }
  return moveRecord(trx, clock, { id: actor.id, name: actor.displayName }, workflow, actionName, id, patch);
}

/**
 * The same conditional update and audit event for a party without an account — a complainant
 * who holds a tracking code. The caller has established who the party is and that the action is theirs.
 */
export async function applyTransitionWithoutAccount<State extends string, Action extends string>(
  trx: Transaction<DB>,
  clock: Clock,
  party: AuditActor,
  workflow: Workflow<State, Action>,
  actionName: Action,
  id: number,
  patch: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return moveRecord(trx, clock, party, workflow, actionName, id, patch);
}

async function moveRecord<State extends string, Action extends string>(
  trx: Transaction<DB>,
  clock: Clock,
  auditActor: AuditActor,
  workflow: Workflow<State, Action>,
  actionName: Action,
  id: number,
  patch: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const action = workflow.actions[actionName];
  const now = clock.now();
  const assignments = Object.entries({ ...patch, status: action.to, updated_at: now }).map(
    ([column, value]) => sql`${sql.ref(column)} = ${value}`,
  );
  const updated = await sql<Record<string, unknown>>`
    UPDATE ${sql.table(workflow.table)} AS target
    SET ${sql.join(assignments)}
    FROM (SELECT id, status AS previous_status FROM ${sql.table(workflow.table)} WHERE id = ${id} FOR UPDATE) AS previous
    WHERE target.id = previous.id AND target.status = ANY(${[...action.from]}::text[])
    RETURNING target.*, previous.previous_status`.execute(trx);
  const row = updated.rows[0];
  if (!row) {
    const current = await sql<{ status: State }>`SELECT status FROM ${sql.table(workflow.table)} WHERE id = ${id}`.execute(trx);
    const currentState = current.rows[0]?.status;
    if (currentState === undefined) throw new AppError('NOT_FOUND', `未找到该${workflow.entityLabel}，或您无权查看`);
    throw new AppError(
      'INVALID_STATE',
      `该${workflow.entityLabel}当前状态为「${workflow.stateLabels[currentState]}」，不能执行「${action.label}」（可能已被他人处理，请刷新后重试）`,
      { currentState, action: actionName, allowedFrom: action.from },
    );
  }
  const { previous_status: previousStatus, ...record } = row;
  await appendAuditEvent(trx, clock, auditActor, {
    action: `${workflow.entityType}.${actionName}`,
    entityType: workflow.entityType,
    entityId: id,
    before: { status: previousStatus },
    after: { status: action.to, ...patch },
  });
  return record;
}
