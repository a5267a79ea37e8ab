/**
 * The front door's threshold decision starts the work: a referral decided "section 17 assessment",
 * "strategy discussion / section 47" or "immediate protection" opens the child's episode of need
 * at once, from the referral's date. The clocks follow from the episode's facts (due.ts): the
 * assessment from the referral date, the strategy discussion from the day of the decision.
 *
 * The front door calls this inside its own decision's transaction, after its own check that the
 * actor may decide (mash.decide): the MASH manager starts the episode as part of the decision, not
 * as a casework change of their own, so the casework transitions' permissions are not asked here.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { changed, show } from './guard.ts';
import { PRIMARY_NEEDS } from './codes.ts';
import { lastEpisode, lockChild, openEpisode } from './repository/current.ts';
import { insertEpisode } from './repository/writes.ts';

/** A referral the front door has just recorded for one child. */
export interface DecidedReferral {
  referralId: string;
  personId: string;
  /** The referral date: the London date the contact was received. */
  referralDate: string;
  decision: 'section_17' | 'strategy_section_47' | 'immediate_protection';
  /** Who referred: for the CIN census referral source. */
  referrerType: string;
  referrerAgencyKind: string | null;
  /** The referrer's category of concern, when they gave one. */
  concernCategory?: string | null;
}

export type EpisodeFromDecision =
  | { opened: true; episodeId: string }
  | { opened: false; reason: 'already_open' | 'after_last_episode'; message: string };

/** The CIN census referral source (REFERRAL_SOURCES) of a referrer, as far as the front door knows it. */
export function referralSourceOf(referrerType: string, agencyKind: string | null): string {
  if (referrerType === 'anonymous') return '9';
  if (referrerType === 'public') return '1D';
  const byKind: Record<string, string> = {
    school: '2A',
    early_years: '8',
    health_provider: '3F',
    health_commissioner: '3F',
    police: '6',
    probation: '7',
    youth_justice: '5B',
    housing: '4',
    local_authority: '5A',
    voluntary: '8',
    other: '8',
  };
  return (agencyKind && byKind[agencyKind]) || '10';
}

/** Abuse or neglect (N1) when significant harm is suspected or the referrer named a category of abuse. */
const ABUSE_CONCERNS = ['neglect', 'physical', 'sexual', 'emotional', 'multiple'];

export function primaryNeedOf(r: Pick<DecidedReferral, 'decision' | 'concernCategory'>): string {
  if (r.decision !== 'section_17') return 'N1';
  return r.concernCategory && ABUSE_CONCERNS.includes(r.concernCategory) ? 'N1' : 'N0';
}

/**
 * Opens the child's episode of need from the referral, unless one is open already (episodes of one
 * child never overlap: the referral then joins the open episode's work, and the caller says so).
 */
export async function startEpisodeFromDecision(
  tx: Db,
  actor: Actor,
  r: DecidedReferral,
): Promise<EpisodeFromDecision> {
  await lockChild(tx, actor.partnershipId, r.personId);
  const open = await openEpisode(tx, actor.partnershipId, r.personId);
  if (open) {
    return {
      opened: false,
      reason: 'already_open',
      message: `already has an open episode of need, from the referral of ${show(open.referralDate)}: no second episode was opened`,
    };
  }
  const last = await lastEpisode(tx, actor.partnershipId, r.personId);
  if (last?.closureDate && r.referralDate < last.closureDate) {
    return {
      opened: false,
      reason: 'after_last_episode',
      message: `had an episode of need that closed on ${show(last.closureDate)}, after this referral’s date: start the episode from the casework page`,
    };
  }
  const primaryNeed = primaryNeedOf(r);
  const episodeId = await insertEpisode(tx, actor, {
    personId: r.personId,
    referralId: r.referralId,
    referralDate: r.referralDate,
    referralSource: referralSourceOf(r.referrerType, r.referrerAgencyKind),
    primaryNeed,
    stepUpReference: null,
  });
  await changed(
    tx,
    actor,
    r.personId,
    {
      action: 'casework.episode_start',
      entityType: 'episode',
      entityId: episodeId,
      detail: { referralId: r.referralId, fromDecision: r.decision },
    },
    {
      category: 'referral',
      occurredOn: r.referralDate,
      summary: `Episode of need started by the MASH decision: ${PRIMARY_NEEDS.labelOf(primaryNeed)}`,
    },
  );
  return { opened: true, episodeId };
}
