/**
 * Episodes of need (the CIN census CINdetails): started from a referral that the front door handed
 * on, closed by a team manager with a reason RC1-RC9. Episodes of one child never overlap; an
 * episode does not close while a plan, an assessment or an enquiry is still open.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ConflictError } from '../../platform/errors.ts';
import { Problems } from '../../platform/validation.ts';
import { AFTER_ASSESSMENT_CLOSURES, CLOSURE_REASONS, PRIMARY_NEEDS, STEP_DOWN_CLOSURE } from './codes.ts';
import { changeChild, changed, change, checkSame, decided, requireOpenEpisode, show } from './guard.ts';
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
import { episodeCloseSchema, episodeStartSchema } from './schemas.ts';
import { checkFrom } from './transitions.ts';

/**
 * Starts an episode from a referral (its date is the referral's), or, with no referral in
 * Together (a step-up from early help recorded by hand), from the date given.
 */
export const startEpisode = change(
  'episode.start',
  episodeStartSchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const referralId = v.referral === 'none' ? undefined : v.referral;
    const p = new Problems();
    if (!referralId && !v.referralDate) p.add('referralDate', 'Enter the referral date');
    p.check();

    return changeChild(db, actor, personId, async (tx) => {
      const open = await openEpisode(tx, actor.partnershipId, personId);
      if (open) {
        throw new ConflictError(
          `This child already has an open episode of need, from the referral of ${show(open.referralDate)}. Episodes of one child never overlap: close it before starting another.`,
        );
      }
      let referralDate = v.referralDate!;
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
        p.add('referralDate', message).check();
      }
      const id = await insertEpisode(tx, actor, {
        personId,
        referralId: referralId ?? null,
        referralDate,
        referralSource: v.referralSource,
        primaryNeed: v.primaryNeed,
        stepUpReference: v.stepUpReference ?? null,
      });
      await changed(
        tx,
        actor,
        personId,
        {
          action: 'casework.episode_start',
          entityType: 'episode',
          entityId: id,
          detail: { referralId, stepUp: !!v.stepUpReference },
        },
        {
          category: 'referral',
          occurredOn: referralDate,
          summary: `Episode of need started: ${PRIMARY_NEEDS.labelOf(v.primaryNeed)}${v.stepUpReference ? ' (step-up from early help)' : ''}`,
        },
      );
      return id;
    });
  },
);

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
export const closeEpisode = change(
  'episode.close',
  episodeCloseSchema,
  async ({ db, actor, personId, v, today }): Promise<void> => {
    const { closureDate, closureReason: reason, stepDownReference: stepDown, note } = v;
    const p = new Problems();
    if (reason === STEP_DOWN_CLOSURE && !stepDown) {
      p.add('stepDownReference', 'Enter the early help team or reference the family was stepped down to');
    }
    p.check();

    await changeChild(db, actor, personId, async (tx) => {
      const episode = await requireOpenEpisode(tx, actor, personId);
      checkSame(v.episodeId, episode.id, 'episode');
      checkFrom('episode.close', episode.status, 'it is already closed');
      const blockers = await closeBlockers(tx, actor, personId, episode.id);
      if (blockers.length) throw new ConflictError(`This episode cannot close yet. ${blockers.join(' ')}`);
      const last = (await lastActivityOn(tx, episode.id)) ?? episode.referralDate;
      if (closureDate < episode.referralDate) {
        p.add(
          'closureDate',
          `The closure date must be on or after the referral date, ${show(episode.referralDate)}`,
        );
      } else if (closureDate < last) {
        p.add(
          'closureDate',
          `The closure date must be on or after ${show(last)}, the last thing recorded in this episode`,
        );
      }
      if (AFTER_ASSESSMENT_CLOSURES.includes(reason)) {
        if (!(await hasAuthorisedAssessment(tx, episode.id)))
          p.add(
            'closureReason',
            `${CLOSURE_REASONS.labelOf(reason)} needs an authorised assessment in this episode`,
          );
      }
      p.check();
      await closeEpisodeRow(tx, actor, episode.id, {
        closureDate,
        closureReason: reason,
        stepDownReference: reason === STEP_DOWN_CLOSURE ? stepDown! : null,
      });
      await decided(
        tx,
        actor,
        personId,
        { episodeId: episode.id, point: 'episode_closure', decision: 'agreed', note, decidedOn: today },
        { action: 'casework.episode_close', entityType: 'episode', entityId: episode.id, detail: { reason } },
        {
          category: reason === STEP_DOWN_CLOSURE ? 'early_help' : 'other',
          occurredOn: closureDate,
          summary: `Episode of need closed: ${CLOSURE_REASONS.labelOf(reason)}`,
        },
      );
    });
  },
);
