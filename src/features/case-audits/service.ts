import crypto from 'node:crypto';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { personAccessMany, requirePermission } from '../../platform/access/policy.ts';
import { can, ROLE_PERMISSIONS, ROLES } from '../../platform/access/roles.ts';
import { aboutPerson, audit, auditMany } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { actionsFrom } from '../actions/service.ts';
import { personHeading } from '../people/service.ts';
import * as repo from './repository/audits.ts';
import { auditOr404, isRunning } from './shared.ts';
import { answerSchema, moderationSchema, planSchema } from './schemas.ts';
import type { AnswerInput, ModerationInput, PlanInput } from './schemas.ts';
import { GRADES, QUESTIONS, SAMPLE_STATUSES, THEMES } from './tool.ts';

export { GRADES, QUESTIONS, THEMES, type AnswerInput, type PlanInput };
export { caseAuditResults, executivePanel } from './results.ts';
export { addAuditAction, addFinding, closeAudit } from './outcomes.ts';
export { isRunning };

/** The roles that may be named auditors. */
const AUDITOR_ROLES = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('case_audit.answer'));

function labelled<T extends { theme: string }>(a: T) {
  return { ...a, themeLabel: THEMES.labelOf(a.theme) };
}

export async function auditList(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const rows = await repo.listAudits(db, actor.partnershipId);
  await audit(db, actor, { action: 'case_audit.list_read', entityType: 'case_audit' });
  const today = londonToday();
  return rows.map((r) => ({ ...labelled(r), running: isRunning(r, today) }));
}

/** What the planning form offers: agencies, teams and the users who may audit. */
export async function planOptions(db: Db, actor: Actor) {
  requirePermission(actor, 'partnership.manage');
  const [agencies, teams, auditors] = await Promise.all([
    repo.agenciesOf(db, actor.partnershipId),
    repo.teamsOf(db, actor.partnershipId),
    repo.usersWithRoles(db, actor.partnershipId, AUDITOR_ROLES),
  ]);
  return { agencies, teams, auditors };
}

/** Plans an audit and draws its sample; returns its id. */
export async function planAudit(db: Db, actor: Actor, input: PlanInput): Promise<string> {
  requirePermission(actor, 'partnership.manage');
  const v = parse(planSchema, input);
  const { agencies, teams, auditors } = await planOptions(db, actor);
  const p = new Problems();
  if (v.endsOn < v.startsOn) p.add('endsOn', 'The end date must be the same as or after the start date');
  if (v.agencyIds.some((id) => !agencies.some((a) => a.id === id)))
    p.add('agencyIds', 'Agencies taking part: choose from the list');
  const chosen = v.auditorIds.map((id) => auditors.find((u) => u.id === id));
  if (chosen.some((u) => !u)) p.add('auditorIds', 'Auditors: choose from the list');
  for (const u of chosen) {
    if (u && !v.agencyIds.includes(u.agencyId))
      p.add('auditorIds', `${u.name} works for ${u.agencyName}, which is not taking part: choose it too`);
  }
  const byCriteria = v.sampleMethod === 'criteria';
  const criteria: repo.SampleCriteria = byCriteria
    ? { status: v.status ?? 'any', ageFrom: v.ageFrom, ageTo: v.ageTo, teamId: v.teamId }
    : { status: 'any' };
  if (byCriteria && v.ageFrom !== undefined && v.ageTo !== undefined && v.ageTo < v.ageFrom)
    p.add('ageTo', 'The oldest age must be the same as or more than the youngest age');
  if (byCriteria && v.teamId && !teams.some((t) => t.id === v.teamId))
    p.add('teamId', 'Choose a team from the list');
  p.check();
  const seed = v.seed ?? crypto.randomBytes(6).toString('hex');
  return db.transaction(async (tx) => {
    const children = await repo.drawSample(tx, actor.partnershipId, seed, criteria, v.sampleSize, v.startsOn);
    if (children.length === 0) {
      new Problems().add('sampleSize', 'No child matches these criteria: widen the criteria').check();
    }
    const id = await repo.insertAudit(tx, {
      partnershipId: actor.partnershipId,
      createdBy: actor.userId,
      title: v.title,
      theme: v.theme,
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      sampleMethod: v.sampleMethod,
      criteria,
      sampleSize: v.sampleSize,
      seed,
    });
    const named = chosen.map((u) => ({ userId: u!.id, agencyId: u!.agencyId }));
    await repo.insertMembers(tx, actor.partnershipId, id, v.agencyIds, named, children);
    await audit(tx, actor, {
      action: 'case_audit.planned',
      entityType: 'case_audit',
      entityId: id,
      detail: { seed, criteria, asked: v.sampleSize, drawn: children.length },
    });
    return id;
  });
}

/** The sampled children's names, for those the actor may open (audited as record reads). */
async function namesOf(db: Db, actor: Actor, auditId: string, personIds: string[]) {
  const access = await personAccessMany(db, actor, personIds, 'record');
  const names = new Map<string, string>();
  for (const id of personIds) {
    if (!access.get(id)?.canOpen) continue;
    const { person } = await personHeading(db, actor, id);
    names.set(id, `${person.givenName} ${person.familyName}`.trim());
  }
  await auditMany(
    db,
    actor,
    [...names.keys()].map((id) => aboutPerson(id, 'case_audit.sample_read', { caseAuditId: auditId })),
  );
  return names;
}

/** One audit: plan, agencies, auditors, the sample (names only for those who may open them), findings. */
export async function auditDetail(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'assurance.read');
  const a = await auditOr404(db, actor, id);
  const [agencies, auditors, sample, found, actions] = await Promise.all([
    repo.auditAgencies(db, id),
    repo.auditAuditors(db, id),
    repo.sampleRows(db, id),
    repo.findings(db, id),
    actionsFrom(db, actor, 'case_audit', id),
  ]);
  const names = await namesOf(
    db,
    actor,
    id,
    sample.map((s) => s.personId),
  );
  await audit(db, actor, { action: 'case_audit.read', entityType: 'case_audit', entityId: id });
  return {
    audit: { ...labelled(a), running: isRunning(a), statusLabel: SAMPLE_STATUSES.labelOf(a.criteria.status) },
    agencies,
    auditors,
    sample: sample.map(({ personId, ...s }) => ({
      ...s,
      name: names.get(personId),
      personId: names.has(personId) ? personId : undefined,
      gradeLabel: GRADES.labelOf(s.moderatedGrade),
    })),
    findings: found,
    actions,
    mayManage: can(actor.roles, 'partnership.manage'),
  };
}

/** One sampled child's page: every agency's answers, and what the actor may do. */
export async function childDetail(db: Db, actor: Actor, id: string, ref: string) {
  requirePermission(actor, 'assurance.read');
  const a = await auditOr404(db, actor, id);
  const child = await repo.sampleChild(db, id, ref);
  if (!child) throw new NotFoundError();
  const [agencies, answers] = await Promise.all([repo.auditAgencies(db, id), repo.answersFor(db, ref)]);
  const names = await namesOf(db, actor, id, [child.personId]);
  const auditor =
    can(actor.roles, 'case_audit.answer') &&
    agencies.some((g) => g.id === actor.agencyId) &&
    (await repo.isAuditor(db, id, actor.userId, actor.agencyId));
  const allAnswered = agencies.every((g) => answers.some((x) => x.agencyId === g.id));
  await audit(db, actor, {
    action: 'case_audit.child_read',
    entityType: 'case_audit',
    entityId: id,
    detail: { childRef: ref },
  });
  return {
    audit: labelled(a),
    child: {
      ...child,
      name: names.get(child.personId),
      personId: names.has(child.personId) ? child.personId : undefined,
      gradeLabel: GRADES.labelOf(child.moderatedGrade),
    },
    agencies,
    answers: answers.map((x) => ({
      ...x,
      gradeLabel: GRADES.labelOf(x.overallGrade),
      rows: QUESTIONS.map((q) => ({
        text: q.text,
        gradeLabel: GRADES.labelOf(x.answers[q.key]?.grade),
        comment: x.answers[q.key]?.comment ?? '',
      })),
    })),
    own: answers.find((x) => x.agencyId === actor.agencyId),
    mayAnswer: auditor && isRunning(a) && !child.moderatedAt,
    allAnswered,
    mayModerate: can(actor.roles, 'partnership.manage') && a.status === 'open' && allAnswered,
  };
}

/** An auditor's answers for their agency, for one sampled child, while the audit runs. */
export async function answerChild(db: Db, actor: Actor, id: string, input: AnswerInput): Promise<void> {
  requirePermission(actor, 'case_audit.answer');
  const v = parse(answerSchema, input) as AnswerInput;
  await db.transaction(async (tx) => {
    const a = await auditOr404(tx, actor, id, true);
    const agencies = await repo.auditAgencies(tx, id);
    if (!agencies.some((g) => g.id === actor.agencyId))
      throw new ConflictError(
        `${actor.agencyName} is not taking part in this audit: only the agencies taking part answer it.`,
      );
    if (!(await repo.isAuditor(tx, id, actor.userId, actor.agencyId)))
      throw new ConflictError('You are not one of this audit’s auditors for your agency.');
    if (a.status === 'closed')
      throw new ConflictError('This audit is closed: answers can no longer be given.');
    if (!isRunning(a))
      throw new ConflictError(`Answers are given while the audit runs, from ${a.startsOn} to ${a.endsOn}.`);
    const child = await repo.sampleChild(tx, id, v.childRef);
    if (!child) new Problems().add('childRef', 'This child is not in the audit’s sample').check();
    if (child!.moderatedAt)
      throw new ConflictError('This child’s audit has been moderated: answers can no longer be changed.');
    const answers = Object.fromEntries(
      QUESTIONS.map((q) => [q.key, { grade: v[`${q.key}Grade`]!, comment: v[`${q.key}Comment`]! }]),
    );
    await repo.upsertAnswer(tx, {
      partnershipId: actor.partnershipId,
      auditId: id,
      childRef: v.childRef,
      agencyId: actor.agencyId,
      userId: actor.userId,
      answers,
      overallGrade: v.overallGrade,
    });
    await audit(tx, actor, {
      action: 'case_audit.answered',
      entityType: 'case_audit',
      entityId: id,
      detail: { childRef: v.childRef, overallGrade: v.overallGrade },
    });
  });
}

/** The business manager's moderated grade for one child, once every agency taking part answered. */
export async function moderate(db: Db, actor: Actor, id: string, ref: string, input: ModerationInput) {
  requirePermission(actor, 'partnership.manage');
  const v = parse(moderationSchema, input);
  await db.transaction(async (tx) => {
    const a = await auditOr404(tx, actor, id, true);
    const child = await repo.sampleChild(tx, id, ref);
    if (!child) throw new NotFoundError();
    if (a.status === 'closed')
      throw new ConflictError('This audit is closed: its grades can no longer change.');
    const [agencies, answers] = await Promise.all([repo.auditAgencies(tx, id), repo.answersFor(tx, ref)]);
    const waiting = agencies.filter((g) => !answers.some((x) => x.agencyId === g.id));
    if (waiting.length)
      throw new ConflictError(
        `Moderation waits until every agency taking part has answered: ${waiting.map((g) => g.name).join(', ')} has not.`,
      );
    await repo.moderateChild(tx, ref, v.grade, v.note, actor.userId);
    await audit(tx, actor, {
      action: 'case_audit.moderated',
      entityType: 'case_audit',
      entityId: id,
      detail: { childRef: ref, grade: v.grade },
    });
  });
}
