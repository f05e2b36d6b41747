import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../kernel/access.ts';
import type { AppContext } from '../../kernel/context.ts';
import { availableActions, type Workflow } from '../../kernel/workflow.ts';
import { isComplaintVisible } from '../complaints/complaints.policy.ts';
import { complaintWorkflow } from '../complaints/complaints.workflow.ts';
import { isInspectionVisible } from '../inspections/inspections.policy.ts';
import { inspectionWorkflow } from '../inspections/inspections.workflow.ts';
import { changeRequestReaderRoles } from '../people/people.policy.ts';
import { personChangeWorkflow } from '../people/people.workflow.ts';
import { isProblemVisible } from '../rectifications/rectifications.policy.ts';
import { rectificationWorkflow } from '../rectifications/rectifications.workflow.ts';
import { isCommendationVisible, isSummaryVisible } from '../summaries/summaries.policy.ts';
import { commendationWorkflow, supervisionSummaryWorkflow } from '../summaries/summaries.workflow.ts';
import { cityWideSupervisionReaders, isSupervisionVisible } from '../supervisions/supervisions.policy.ts';
import { supervisionPlanWorkflow, supervisionWorkflow } from '../supervisions/supervisions.workflow.ts';
import { isTransferVisible } from '../transfers/transfers.policy.ts';
import { transferWorkflow } from '../transfers/transfers.workflow.ts';

/**
 * Where work waits for someone: a workflow, the alias its visibility condition is written for, and
 * the page that lists its records. Actions that merely end a record (办结, 撤回) wait on nobody and
 * are not counted.
 */
type TodoSource = {
  workflow: Workflow<string, string>;
  alias: string;
  isVisible: (actor: Actor) => RawBuilder<boolean>;
  link: (actor: Actor, status: string) => string;
  notWaiting?: readonly string[];
  /** The state in which the team's working papers wait on each of its members (records and findings, 督4), not a workflow action. */
  teamWorkIn?: string;
};

const teamRoles: readonly string[] = ['team_leader', 'team_member'];
const teamWorkLabel = '填写工作记录、记录发现的问题';

const onlyFor = (roles: readonly string[]) => (actor: Actor) => (roles.includes(actor.role) ? sql<boolean>`true` : sql<boolean>`false`);
const isOfficeReader = (actor: Actor) => cityWideSupervisionReaders.includes(actor.role);

const sources: readonly TodoSource[] = [
  { workflow: supervisionPlanWorkflow, alias: 'p', isVisible: onlyFor(cityWideSupervisionReaders), link: () => '/supervisions' },
  {
    workflow: supervisionWorkflow,
    alias: 's',
    isVisible: isSupervisionVisible,
    link: (actor) => (isOfficeReader(actor) ? '/supervisions' : '/supervision-work'),
    notWaiting: ['close'],
    teamWorkIn: 'in_field',
  },
  {
    workflow: inspectionWorkflow,
    alias: 'i',
    isVisible: isInspectionVisible,
    link: (_actor, status) => `/inspections?status=${status}`,
    notWaiting: ['close'],
    teamWorkIn: 'in_field',
  },
  { workflow: rectificationWorkflow, alias: 'pr', isVisible: isProblemVisible, link: (_actor, status) => `/rectifications?status=${status}` },
  { workflow: complaintWorkflow, alias: 'c', isVisible: isComplaintVisible, link: (_actor, status) => `/complaints?status=${status}` },
  { workflow: transferWorkflow, alias: 't', isVisible: isTransferVisible, link: () => '/transfers' },
  { workflow: commendationWorkflow, alias: 'c', isVisible: isCommendationVisible, link: () => '/summaries' },
  { workflow: supervisionSummaryWorkflow, alias: 'ss', isVisible: isSummaryVisible, link: () => '/summaries?tab=summary' },
  {
    workflow: personChangeWorkflow,
    alias: 'r',
    isVisible: onlyFor(changeRequestReaderRoles),
    link: (_actor, status) => `/person-change-requests?status=${status}`,
    notWaiting: ['withdraw'],
  },
];

export type TodoItem = {
  entityType: string;
  entityLabel: string;
  status: string;
  statusLabel: string;
  /** What the user may do to these records, e.g. 「核验通过」「退回重新整改」. */
  actions: string[];
  count: number;
  link: string;
};

/**
 * 我的待办: for every workflow, the records the actor can see that sit in a state from which the
 * actor's role has an action — counted per state, one branch per workflow of a single SQL statement
 * (one round trip to the database however many workflows wait on the role). Derived from the
 * workflows' own definitions, so a new action shows up here without a line of code.
 */
export async function listTodos(ctx: AppContext, actor: Actor): Promise<{ items: TodoItem[]; total: number }> {
  const waitingBySource = sources.map((source) => {
    const waiting = new Map<string, string[]>();
    for (const status of Object.keys(source.workflow.stateLabels)) {
      const actions = availableActions(source.workflow, actor, status).filter((action) => !(source.notWaiting ?? []).includes(action));
      const labels = actions.map((action) => source.workflow.actions[action]!.label);
      if (source.teamWorkIn === status && teamRoles.includes(actor.role)) labels.push(teamWorkLabel);
      if (labels.length > 0) waiting.set(status, labels);
    }
    return waiting;
  });
  const branches = sources.flatMap((source, index) => {
    const waiting = waitingBySource[index]!;
    if (waiting.size === 0) return [];
    return [
      sql`SELECT ${index}::int AS source, ${sql.ref(`${source.alias}.status`)} AS status, count(*)::int AS count
        FROM ${sql.table(source.workflow.table)} AS ${sql.raw(source.alias)}
        WHERE ${sql.ref(`${source.alias}.status`)} = ANY(${[...waiting.keys()]}::text[]) AND ${source.isVisible(actor)}
        GROUP BY 2`,
    ];
  });
  if (branches.length === 0) return { items: [], total: 0 };
  const counts = await sql<{ source: number; status: string; count: number }>`${sql.join(branches, sql` UNION ALL `)}`.execute(ctx.db);
  const countOf = new Map(counts.rows.map((row) => [`${row.source}:${row.status}`, row.count]));

  const items: TodoItem[] = [];
  sources.forEach((source, index) => {
    for (const [status, actions] of waitingBySource[index]!) {
      const count = countOf.get(`${index}:${status}`) ?? 0;
      if (count === 0) continue;
      items.push({
        entityType: source.workflow.entityType,
        entityLabel: source.workflow.entityLabel,
        status,
        statusLabel: source.workflow.stateLabels[status] ?? status,
        actions,
        count,
        link: source.link(actor, status),
      });
    }
  });
  return { items, total: items.reduce((sum, item) => sum + item.count, 0) };
}
