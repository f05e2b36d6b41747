import type { Actor } from '../../kernel/access.ts';
import { availableActions } from '../../kernel/workflow.ts';
import { identityOfComplaint, scrubComplainantIdentity } from './complaints.identity.ts';
import { isComplaintOffice } from './complaints.policy.ts';
import type { ComplaintRow } from './complaints.repo.ts';
import { channelLabels } from './complaints.schema.ts';
import { complainantActions, complaintWorkflow, type ComplaintAction } from './complaints.workflow.ts';

/** Who is looking: a signed-in user, or whoever holds the tracking code. */
export type ComplaintViewer = { kind: 'staff'; actor: Actor } | { kind: 'complainant' };

/** Non-workflow actions the office takes on a complaint. */
type OfficeExtraAction = 'link' | 'createProblem';

function publicPart(row: ComplaintRow) {
  return {
    subject: row.subject,
    channel: row.channel,
    channelLabel: channelLabels[row.channel],
    regionCode: row.region_code,
    regionPath: row.region_path,
    status: row.status,
    statusLabel: complaintWorkflow.stateLabels[row.status],
    createdAt: row.created_at,
    decisionReason: row.decision_reason,
    answer: row.answer,
    answeredAt: row.answered_at,
    reopenReason: row.reopen_reason,
    confirmedAt: row.confirmed_at,
  };
}

/**
 * The one place a complaint is turned into what a viewer receives (督4: the complainant's identity
 * is for the city office only). The office gets everything, with the phone decrypted; a county
 * gets the matter without the author's name, phone, contact, household link or tracking code, and
 * with those details masked in the text; the holder of the tracking code gets the status and the
 * answer, never the identity. Every read, list and export goes through here.
 */
export function shapeComplaintForViewer(viewer: ComplaintViewer, row: ComplaintRow, decryptPhone: (cipher: string) => string) {
  if (viewer.kind === 'complainant') {
    return {
      ...publicPart(row),
      trackingCode: row.tracking_code,
      actions: complainantActions.filter((action) => complaintWorkflow.actions[action].from.includes(row.status)),
    };
  }
  const { actor } = viewer;
  const common = {
    id: row.id,
    ...publicPart(row),
    assignedUnitCode: row.assigned_unit_code,
    assignedUnitName: row.assigned_unit_name,
    answeredByName: row.answered_by_name,
    village: row.village_code ? { code: row.village_code, name: row.village_name } : null,
    problem: row.problem_id ? { id: row.problem_id, status: row.problem_status, description: row.problem_description } : null,
    inspection: row.inspection_id ? { id: row.inspection_id, title: row.inspection_title } : null,
    recordedByName: row.recorded_by_name,
    triagedByName: row.triaged_by_name,
    triagedAt: row.triaged_at,
    updatedAt: row.updated_at,
  };
  if (isComplaintOffice(actor)) {
    const extra: OfficeExtraAction[] = ['confirmed', 'not_accepted'].includes(row.status) ? [] : ['link'];
    if (row.problem_id === null && ['accepted', 'assigned', 'answered', 'reopened'].includes(row.status)) extra.push('createProblem');
    return {
      ...common,
      trackingCode: row.tracking_code,
      content: row.content,
      suggestedUnitCode: row.suggested_unit_code,
      isAnonymous: row.is_anonymous,
      complainant: row.is_anonymous
        ? null
        : {
            name: row.complainant_name,
            phone: row.complainant_phone_cipher ? decryptPhone(row.complainant_phone_cipher) : null,
            contact: row.complainant_contact,
          },
      household: row.household_id ? { id: row.household_id, householdNo: row.household_no, headName: row.household_head_name } : null,
      actions: [...availableActions<typeof row.status, ComplaintAction>(complaintWorkflow, actor, row.status), ...extra],
    };
  }
  // The county concerned: what happened and where, never who told — every text through the one guard.
  const identity = identityOfComplaint(row, { decrypt: decryptPhone });
  const scrub = (text: string | null) => (text === null ? null : scrubComplainantIdentity(text, identity));
  return {
    ...common,
    subject: scrub(row.subject)!,
    content: scrub(row.content)!,
    decisionReason: scrub(row.decision_reason),
    problem: common.problem && { ...common.problem, description: scrub(common.problem.description) },
    answer: scrub(row.answer),
    reopenReason: scrub(row.reopen_reason),
    actions: [] as (ComplaintAction | OfficeExtraAction)[],
  };
}

/** Whether a shaped complaint matches a search term in what the viewer was given (never in what was withheld). */
export function matchesShownText(view: { subject: string; content?: string; regionPath: string }, term: string): boolean {
  const needle = term.toLowerCase();
  return [view.subject, view.content ?? '', view.regionPath].some((text) => text.toLowerCase().includes(needle));
}

export type ComplaintView = ReturnType<typeof shapeComplaintForViewer>;
