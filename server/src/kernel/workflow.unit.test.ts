import { describe, expect, it } from 'vitest';
import type { Role } from '../db/schema.ts';
import { personChangeWorkflow } from '../modules/people/people.workflow.ts';
import { availableActions } from './workflow.ts';

describe('availableActions', () => {
  it.each<[Role, 'submitted' | 'approved' | 'rejected' | 'withdrawn', string[]]>([
    ['office_admin', 'submitted', ['approve', 'reject', 'withdraw']],
    ['office_staff', 'submitted', ['withdraw']],
    ['org_dept', 'submitted', ['withdraw']],
    ['county_user', 'submitted', []],
    ['office_admin', 'approved', []],
    ['office_admin', 'rejected', []],
    ['office_admin', 'withdrawn', []],
  ])('%s on a %s request may %j', (role, state, expected) => {
    expect(availableActions(personChangeWorkflow, { role }, state)).toEqual(expected);
  });

  it('declares a label for every state and action', () => {
    for (const action of Object.values(personChangeWorkflow.actions)) {
      expect(action.label).not.toBe('');
      for (const state of [...action.from, action.to]) expect(personChangeWorkflow.stateLabels[state]).toBeTruthy();
    }
  });
});
