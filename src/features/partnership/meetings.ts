/** The executive and its subgroups: meetings, attendance by agency, papers, decisions and actions. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { formatDate } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { actionFormItems, actionsFrom, addActionIn, type ActionSummary } from '../actions/service.ts';
import {
  attendance,
  bodies,
  bodyIn,
  chairChoices,
  decisions,
  insertDecision,
  insertMeeting,
  insertPaper,
  meeting,
  meetings,
  papers,
  setAttendance,
  userOf,
  type MeetingRow,
} from './repository/meetings.ts';
import {
  ATTENDANCE,
  attendanceSchema,
  decisionSchema,
  meetingActionSchema,
  meetingSchema,
  paperSchema,
  type AttendanceInput,
  type MeetingActionInput,
  type MeetingInput,
} from './meetings-schemas.ts';

export const SCRUTINEER_CHAIR =
  'The independent scrutineer cannot chair a meeting: they hold the partnership to account';

/** Every meeting by body, newest first. */
export async function meetingList(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const [all, groups] = await Promise.all([
    meetings(db, actor.partnershipId),
    bodies(db, actor.partnershipId),
  ]);
  await audit(db, actor, { action: 'meeting.list', detail: { count: all.length } });
  return {
    bodies: groups.map((b) => ({ ...b, meetings: all.filter((m) => m.bodyId === b.id) })),
    mayManage: can(actor.roles, 'partnership.manage'),
  };
}

/** The choices of the new-meeting form (the business manager's). */
export async function meetingFormChoices(db: Db, actor: Actor) {
  requirePermission(actor, 'partnership.manage');
  const [groups, chairs] = await Promise.all([
    bodies(db, actor.partnershipId),
    chairChoices(db, actor.partnershipId),
  ]);
  return { bodies: groups, chairs };
}

/** Records a meeting. The chair is never the independent scrutineer. */
export async function recordMeeting(db: Db, actor: Actor, input: MeetingInput): Promise<{ id: string }> {
  requirePermission(actor, 'partnership.manage');
  const m = parse(meetingSchema, input);
  const problems = new Problems();
  if (!(await bodyIn(db, actor.partnershipId, m.bodyId))) problems.add('bodyId', 'Select the group that met');
  const chair = await userOf(db, actor.partnershipId, m.chairUserId);
  if (!chair || !chair.active) problems.add('chairUserId', 'Select who chaired the meeting');
  else if (chair.roles.includes('scrutineer')) problems.add('chairUserId', SCRUTINEER_CHAIR);
  problems.check();
  return db.transaction(async (tx) => {
    const id = await insertMeeting(tx, {
      pid: actor.partnershipId,
      bodyId: m.bodyId,
      heldOn: m.heldOn,
      chairUserId: m.chairUserId,
      location: m.location ?? '',
      by: actor.userId,
    });
    await audit(tx, actor, { action: 'meeting.add', entityType: 'partnership_meeting', entityId: id });
    return { id };
  });
}

export interface MeetingPage {
  meeting: MeetingRow;
  attendance: Awaited<ReturnType<typeof attendance>>;
  papers: Awaited<ReturnType<typeof papers>>;
  decisions: Awaited<ReturnType<typeof decisions>>;
  actions: ActionSummary[];
  mayManage: boolean;
}

async function found(db: Db, actor: Actor, id: string): Promise<MeetingRow> {
  const m = await meeting(db, actor.partnershipId, id);
  if (!m) throw new NotFoundError();
  return m;
}

/** One meeting, with what was recorded of it; the read is audited. */
export async function meetingPage(db: Db, actor: Actor, id: string): Promise<MeetingPage> {
  requirePermission(actor, 'assurance.read');
  const m = await found(db, actor, id);
  const [att, pp, dd, actions] = await Promise.all([
    attendance(db, actor.partnershipId, id),
    papers(db, id),
    decisions(db, id),
    actionsFrom(db, actor, 'meeting', id),
  ]);
  await audit(db, actor, { action: 'meeting.read', entityType: 'partnership_meeting', entityId: id });
  return {
    meeting: m,
    attendance: att,
    papers: pp,
    decisions: dd,
    actions,
    mayManage: can(actor.roles, 'partnership.manage'),
  };
}

/** The select items of the meeting's add-action form. */
export async function meetingActionItems(db: Db, actor: Actor, values: Record<string, unknown> = {}) {
  requirePermission(actor, 'partnership.manage');
  return actionFormItems(db, actor, values);
}

/** Records who came: one status per agency given; agencies left out are not recorded. */
export async function recordAttendance(
  db: Db,
  actor: Actor,
  id: string,
  input: { attendance: { agencyId: string; status: string }[] },
): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  await found(db, actor, id);
  const known = new Set((await attendance(db, actor.partnershipId, id)).map((r) => r.agencyId));
  const problems = new Problems();
  for (const r of input.attendance ?? []) {
    if (!known.has(r.agencyId))
      problems.add(`att-${r.agencyId}`, 'Attendance is recorded for the partners and relevant agencies only');
    if (!(ATTENDANCE as readonly string[]).includes(r.status))
      problems.add(`att-${r.agencyId}`, 'Select present, apologies or absent');
  }
  problems.check();
  const a: AttendanceInput = parse(attendanceSchema, input);
  await db.transaction(async (tx) => {
    await setAttendance(tx, actor.partnershipId, id, a.attendance);
    await audit(tx, actor, {
      action: 'meeting.attendance',
      entityType: 'partnership_meeting',
      entityId: id,
      detail: { agencies: a.attendance.length },
    });
  });
}

export async function addPaper(
  db: Db,
  actor: Actor,
  id: string,
  input: { title?: string; summary?: string },
) {
  requirePermission(actor, 'partnership.manage');
  await found(db, actor, id);
  const p = parse(paperSchema, input);
  return db.transaction(async (tx) => {
    const paperId = await insertPaper(tx, actor.partnershipId, id, p.title, p.summary ?? '');
    await audit(tx, actor, { action: 'meeting.paper', entityType: 'partnership_meeting', entityId: id });
    return { id: paperId };
  });
}

export async function addDecision(db: Db, actor: Actor, id: string, input: { decision?: string }) {
  requirePermission(actor, 'partnership.manage');
  await found(db, actor, id);
  const d = parse(decisionSchema, input);
  return db.transaction(async (tx) => {
    const decisionId = await insertDecision(tx, actor.partnershipId, id, d.decision);
    await audit(tx, actor, { action: 'meeting.decision', entityType: 'partnership_meeting', entityId: id });
    return { id: decisionId };
  });
}

/** An action agreed at the meeting, into the one action log. */
export async function addMeetingAction(db: Db, actor: Actor, id: string, input: MeetingActionInput) {
  requirePermission(actor, 'partnership.manage');
  const m = await found(db, actor, id);
  const a = parse(meetingActionSchema, input);
  return db.transaction((tx) =>
    addActionIn(tx, actor, {
      sourceKind: 'meeting',
      sourceId: id,
      sourceLabel: `${m.body}, ${formatDate(m.heldOn)}`,
      sourceHref: `/partnership/meetings/${id}`,
      ...a,
    }),
  );
}
