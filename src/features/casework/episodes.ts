/**
 * Episodes of need (the CIN census CINdetails): started from a referral that the front door handed
 * on, closed by a team manager with a reason RC1-RC9. Episodes of one child never overlap; an
 * episode does not close while a plan, an assessment or an enquiry is still open.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { londonToday } from '../../platform/dates.ts';
import {
  AFTER_ASSESSMENT_CLOSURES,
  CLOSURE_REASONS,
  PRIMARY_NEEDS,
  REFERRAL_SOURCES,
  STEP_DOWN_CLOSURE,
  labelOf,
} from './codes.ts';
import { LONG_MAX, Problems, SHORT_MAX, hiddenId, type Body } from './forms.ts';
import {
  changeChild,
  changed,
  checkSame,
  mayChange,
  recordDecision,
  requireOpenEpisode,
  show,
} from './guard.ts';
import {
  hasAuthorisedAssessment,
  lastActivityOn,
  lastEpisode,
  openAssessment,
  openCinPlan,
  openCpPlan,
  openEpisode,
  openSection47,
  referralOf,
} from './repository/current.ts';
import { closeEpisodeRow, insertEpisode } from './repository/writes.ts';
import { checkFrom } from './transitions.ts';

/**
 * Starts an episode from a referral (its date is the referral's), or, with no referral in
 * Together (a step-up from early help recorded by hand), from the date given.
 */
export async function startEpisode(
  db: Db,
  actor: Actor,
  personId: string,
  body: Body,
  today = londonToday(),
): Promise<string> {
  await mayChange(db, actor, personId, 'episode.start');
  const p = new Problems();
  const referralChoice = typeof body.referral === 'string' ? body.referral : '';
  if (!referralChoice) p.add('referral', 'Select the referral the episode starts from');
  const referralId = referralChoice === 'none' ? undefined : hiddenId(body, 'referral');
  if (referralChoice && referralChoice !== 'none' && !referralId)
    p.add('referral', 'Select a referral from the list');
  const manualDate =
    referralChoice === 'none' ? p.date(body, 'referralDate', 'The referral date', { today }) : undefined;
  const source = p.code<string>(
    body,
    'referralSource',
    REFERRAL_SOURCES,
    'Select the source of the referral',
  );
  const need = p.code<string>(body, 'primaryNeed', PRIMARY_NEEDS, 'Select the primary need');
  const stepUp = p.text(body, 'stepUpReference', 'The early help reference', { max: SHORT_MAX });
  p.check();

  return changeChild(db, actor, personId, async (tx) => {
    const open = await openEpisode(tx, actor.partnershipId, personId);
    if (open) {
      throw new ConflictError(
        `This child already has an open episode of need, from the referral of ${show(open.referralDate)}. Episodes of one child never overlap: close it before starting another.`,
      );
    }
    let referralDate = manualDate!;
    if (referralId) {
      const r = await referralOf(tx, actor.partnershipId, personId, referralId);
      if (!r) throw new ConflictError('That referral is not one of this child’s referrals.');
      if (r.started) throw new ConflictError('An episode of need has already started from that referral.');
      referralDate = r.referralDate;
    }
    const last = await lastEpisode(tx, actor.partnershipId, personId);
    const notBefore =
      last &&
      (last.closureDate && last.closureDate > last.referralDate ? last.closureDate : last.referralDate);
    if (notBefore && referralDate < notBefore) {
      const message = `The referral date (${show(referralDate)}) is before ${show(notBefore)}, when this child’s last episode of need closed. Episodes of one child never overlap.`;
      if (referralId) throw new ConflictError(message);
      throw new ValidationError([{ field: 'referralDate-day', message }]);
    }
    const id = await insertEpisode(tx, actor, {
      personId,
      referralId: referralId ?? null,
      referralDate,
      referralSource: source!,
      primaryNeed: need!,
      stepUpReference: stepUp ?? null,
    });
    await changed(
      tx,
      actor,
      personId,
      {
        action: 'casework.episode_start',
        entityType: 'episode',
        entityId: id,
        detail: { referralId, stepUp: !!stepUp },
      },
      {
        category: 'referral',
        occurredOn: referralDate,
        summary: `Episode of need started: ${labelOf(PRIMARY_NEEDS, need)}${stepUp ? ' (step-up from early help)' : ''}`,
      },
    );
    return id;
  });
}

/** What stops the open episode closing now, in words (empty when it may close). */
export async function closeBlockers(
  tx: Db,
  actor: Actor,
  personId: string,
  episodeId: string,
): Promise<string[]> {
  const out: string[] = [];
  const cp = await openCpPlan(tx, actor.partnershipId, personId);
  if (cp)
    out.push(
      `The child protection plan that started on ${show(cp.startDate)} is still open: end the plan first.`,
    );
  const cin = await openCinPlan(tx, actor.partnershipId, personId);
  if (cin)
    out.push(
      `The child in need plan that started on ${show(cin.startDate)} is still open: end the plan first.`,
    );
  const a = await openAssessment(tx, episodeId);
  if (a) out.push(`The assessment that started on ${show(a.startDate)} is not yet authorised.`);
  const s = await openSection47(tx, episodeId);
  if (s) out.push(`The section 47 enquiry that started on ${show(s.startDate)} is not yet signed off.`);
  return out;
}

/** Closes the open episode with a reason and the manager's recorded decision. */
export async function closeEpisode(
  db: Db,
  actor: Actor,
  personId: string,
  body: Body,
  today = londonToday(),
): Promise<void> {
  await mayChange(db, actor, personId, 'episode.close');
  const p = new Problems();
  const closureDate = p.date(body, 'closureDate', 'The closure date', { today });
  const reason = p.code<string>(body, 'closureReason', CLOSURE_REASONS, 'Select the reason for closure');
  const stepDown = p.text(body, 'stepDownReference', 'Where the family was stepped down to', {
    max: SHORT_MAX,
  });
  if (reason === STEP_DOWN_CLOSURE && !stepDown) {
    p.add('stepDownReference', 'Enter the early help team or reference the family was stepped down to');
  }
  const note = p.text(body, 'note', 'Your decision', {
    max: LONG_MAX,
    required: 'Enter your decision and its reasons',
  });
  p.check();

  await changeChild(db, actor, personId, async (tx) => {
    const episode = await requireOpenEpisode(tx, actor, personId);
    checkSame(hiddenId(body, 'episodeId'), episode.id, 'episode');
    checkFrom('episode.close', episode.status, 'it is already closed');
    const blockers = await closeBlockers(tx, actor, personId, episode.id);
    if (blockers.length) throw new ConflictError(`This episode cannot close yet. ${blockers.join(' ')}`);
    const q = new Problems();
    const last = (await lastActivityOn(tx, episode.id)) ?? episode.referralDate;
    if (closureDate! < episode.referralDate) {
      q.add(
        'closureDate-day',
        `The closure date must be on or after the referral date, ${show(episode.referralDate)}`,
      );
    } else if (closureDate! < last) {
      q.add(
        'closureDate-day',
        `The closure date must be on or after ${show(last)}, the last thing recorded in this episode`,
      );
    }
    if (AFTER_ASSESSMENT_CLOSURES.includes(reason!)) {
      if (!(await hasAuthorisedAssessment(tx, episode.id)))
        q.add(
          'closureReason',
          `${labelOf(CLOSURE_REASONS, reason)} needs an authorised assessment in this episode`,
        );
    }
    q.check();
    await closeEpisodeRow(tx, actor, episode.id, {
      closureDate: closureDate!,
      closureReason: reason!,
      stepDownReference: reason === STEP_DOWN_CLOSURE ? stepDown! : null,
    });
    await recordDecision(tx, actor, {
      personId,
      episodeId: episode.id,
      point: 'episode_closure',
      subjectId: episode.id,
      decision: 'agreed',
      note: note!,
      decidedOn: today,
    });
    await changed(
      tx,
      actor,
      personId,
      { action: 'casework.episode_close', entityType: 'episode', entityId: episode.id, detail: { reason } },
      {
        category: reason === STEP_DOWN_CLOSURE ? 'early_help' : 'other',
        occurredOn: closureDate,
        summary: `Episode of need closed: ${labelOf(CLOSURE_REASONS, reason)}`,
      },
    );
  });
}
