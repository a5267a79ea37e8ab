/**
 * The one table of status changes in statutory casework and the permission each needs (from the
 * one permission table, platform/access/roles.ts): recording is `casework.record`, the manager's
 * decisions (authorise, sign off, end plans, close episodes) `casework.authorise`. Services call
 * requireTransition before they touch data and checkFrom once they have read the current status.
 */
import type { Actor } from '../../platform/access/actor.ts';
import { ROLES, ROLE_LABELS, can, type Permission, type Role } from '../../platform/access/roles.ts';
import { ConflictError, ForbiddenError } from '../../platform/errors.ts';

const RECORD = 'casework.record' satisfies Permission;
const AUTHORISE = 'casework.authorise' satisfies Permission;

interface Transition {
  /** Statuses the change starts from; empty when it creates the record. */
  from: readonly string[];
  to: string;
  permission: Permission;
  /** What the change does, for messages: "Only a team manager can <verb>." */
  verb: string;
}

export const TRANSITIONS = {
  'episode.start': { from: [], to: 'open', permission: RECORD, verb: 'start an episode of need' },
  'episode.close': { from: ['open'], to: 'closed', permission: AUTHORISE, verb: 'close an episode of need' },
  'assessment.start': { from: [], to: 'in_progress', permission: RECORD, verb: 'start an assessment' },
  'assessment.submit': {
    from: ['in_progress'],
    to: 'awaiting_authorisation',
    permission: RECORD,
    verb: 'complete an assessment',
  },
  'assessment.authorise': {
    from: ['awaiting_authorisation'],
    to: 'authorised',
    permission: AUTHORISE,
    verb: 'authorise an assessment',
  },
  'assessment.return': {
    from: ['awaiting_authorisation'],
    to: 'in_progress',
    permission: AUTHORISE,
    verb: 'return an assessment for more work',
  },
  'strategy_discussion.record': {
    from: [],
    to: 'held',
    permission: RECORD,
    verb: 'record a strategy discussion',
  },
  'section_47.start': { from: [], to: 'open', permission: RECORD, verb: 'start a section 47 enquiry' },
  'section_47.outcome': {
    from: ['open'],
    to: 'awaiting_sign_off',
    permission: RECORD,
    verb: 'record the outcome of a section 47 enquiry',
  },
  'section_47.sign_off': {
    from: ['awaiting_sign_off'],
    to: 'completed',
    permission: AUTHORISE,
    verb: 'sign off the outcome of a section 47 enquiry',
  },
  'section_47.return': {
    from: ['awaiting_sign_off'],
    to: 'open',
    permission: AUTHORISE,
    verb: 'return a section 47 outcome for more work',
  },
  'conference.record': { from: [], to: 'held', permission: RECORD, verb: 'record a conference' },
  'cp_plan.start': { from: [], to: 'open', permission: RECORD, verb: 'start a child protection plan' },
  'cp_plan.end': { from: ['open'], to: 'ended', permission: AUTHORISE, verb: 'end a child protection plan' },
  'cp_plan.content': {
    from: ['open'],
    to: 'open',
    permission: RECORD,
    verb: 'set out the child protection plan’s outcomes and actions',
  },
  'core_group.record': { from: [], to: 'held', permission: RECORD, verb: 'record a core group meeting' },
  'cin_plan.start': { from: [], to: 'open', permission: RECORD, verb: 'start a child in need plan' },
  'cin_plan.review': {
    from: ['open'],
    to: 'open',
    permission: RECORD,
    verb: 'record a child in need plan review',
  },
  'cin_plan.end': { from: ['open'], to: 'ended', permission: AUTHORISE, verb: 'end a child in need plan' },
  'visit.record': { from: [], to: 'recorded', permission: RECORD, verb: 'record a visit' },
  'voice.record': { from: [], to: 'recorded', permission: RECORD, verb: 'record what a child has told us' },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** Whether any of these roles may make the change (for showing or hiding buttons). */
export function mayMake(roles: readonly Role[], name: TransitionName): boolean {
  return can(roles, TRANSITIONS[name].permission);
}

/** "a team manager", or "a social worker or a team manager": the roles holding the permission. */
function who(permission: Permission): string {
  const names = ROLES.filter((r) => can([r], permission)).map((r) => `a ${ROLE_LABELS[r].toLowerCase()}`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? 'nobody');
}

/** Refuses (403) an actor whose roles may not make the change. Call it before reading anything. */
export function requireTransition(actor: Actor, name: TransitionName): void {
  if (mayMake(actor.roles, name)) return;
  const t: Transition = TRANSITIONS[name];
  throw new ForbiddenError(`Only ${who(t.permission)} can ${t.verb}.`);
}

/**
 * Refuses (409) a change that cannot start from the record's current status, with a message that
 * says what the status is now.
 */
export function checkFrom(name: TransitionName, current: string, nowIs: string): void {
  const from: readonly string[] = TRANSITIONS[name].from;
  if (!from.includes(current)) throw new ConflictError(`You cannot ${TRANSITIONS[name].verb}: ${nowIs}.`);
}
