// The one table of status changes agrees with the permission table, and says who may do what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, can } from '../../platform/access/roles.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { demoActor } from '../../demo/organisation.ts';
import { TRANSITIONS, checkFrom, mayMake, requireTransition, type TransitionName } from './transitions.ts';

const MANAGER_ONLY: TransitionName[] = [
  'episode.close',
  'assessment.authorise',
  'assessment.return',
  'section_47.sign_off',
  'section_47.return',
  'cp_plan.end',
  'cin_plan.end',
];

test('social workers record; only team managers authorise, sign off, end plans and close', () => {
  for (const name of Object.keys(TRANSITIONS) as TransitionName[]) {
    const manager = MANAGER_ONLY.includes(name);
    assert.equal(mayMake(['team_manager'], name), true, name);
    assert.equal(mayMake(['social_worker'], name), !manager, name);
    for (const role of ROLES.filter((r) => r !== 'team_manager' && r !== 'social_worker')) {
      assert.equal(mayMake([role], name), false, `${role} ${name}`);
    }
    // Each change names the matching permission of the one permission table.
    assert.equal(TRANSITIONS[name].permission, manager ? 'casework.authorise' : 'casework.record', name);
    for (const role of ROLES.filter((r) => mayMake([r], name))) {
      assert.ok(can([role], TRANSITIONS[name].permission), `${role} ${name}`);
    }
  }
});

test('the refusals say who may make the change, and what the record is now', () => {
  const org = { partnershipId: 'p', agencies: { council: 'a' }, teams: {}, users: { sw: 'u' } };
  assert.throws(
    () => requireTransition(demoActor(org, 'sw'), 'episode.close'),
    (e: unknown) => {
      assert.ok(e instanceof ForbiddenError);
      assert.equal(e.message, 'Only a team manager can close an episode of need.');
      return true;
    },
  );
  assert.doesNotThrow(() => checkFrom('assessment.authorise', 'awaiting_authorisation', 'x'));
  assert.throws(
    () => checkFrom('assessment.authorise', 'authorised', 'it is already authorised'),
    /You cannot authorise an assessment: it is already authorised/,
  );
});
