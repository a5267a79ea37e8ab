/**
 * An episode's history in words: what the MASH reads on a step-up contact (assessment, plan,
 * reviews, the child's voice), so that it decides knowing what early help tried.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { formatDate } from '../../platform/dates.ts';
import type { ReferralInput } from '../front-door/service.ts';
import type * as repo from './repository/episodes.ts';
import * as work from './repository/work.ts';
import { earlyHelpSettings } from './settings.ts';

const LIMIT = 9_500;

export async function historyText(db: Db, pid: string, e: repo.EpisodeRow): Promise<string> {
  const { areas } = await earlyHelpSettings(db, pid);
  const label = (a: string) => areas.find((x) => x.value === a)?.label ?? a;
  // One after another: inside a transaction the queries share one connection.
  const reviews = await work.reviews(db, e.id);
  const scores = await work.scores(db, e.id);
  const team = await work.team(db, e.id);
  const meetings = await work.meetings(db, e.id);
  const family = await work.familyDetails(db, e.id);
  const children = family.filter((f) => f.kind === 'child');
  const voice = await work.voiceOf(
    db,
    pid,
    children.map((c) => c.personId),
  );
  const lines = [
    `Early help ${e.reference}, led by ${e.lead ?? 'the early help service'}${e.leadAgency ? ` (${e.leadAgency})` : ''} since ${formatDate(e.startedOn)}.`,
    e.assessmentCompletedOn
      ? `Assessment completed ${formatDate(e.assessmentCompletedOn)}. The family's view: ${e.familyView}`
      : 'The early help assessment is not yet completed.',
    e.plan ? `The plan: ${e.plan}` : '',
    scores.length
      ? `Needs scored (1 serious need, 10 thriving): ${[...new Set(scores.map((s) => s.area))]
          .map(
            (a) =>
              `${label(a)} ${scores
                .filter((s) => s.area === a)
                .map((s) => s.score)
                .join(' then ')}`,
          )
          .join('; ')}.`
      : '',
    team.length
      ? `Team around the family: ${team.map((t) => `${t.name} (${t.agency}, ${t.role})`).join('; ')}.`
      : '',
    meetings.length
      ? `${meetings.length} team around the family meeting(s), the last on ${formatDate(meetings.at(-1)!.heldOn)}.`
      : '',
    ...reviews.map((r, i) => `Review ${i + 1} on ${formatDate(r.heldOn)}: ${r.summary}`),
    ...voice.map(
      (v) =>
        `${children.find((c) => c.personId === v.personId)?.givenName ?? 'The child'} said (${formatDate(v.gatheredOn)}): "${v.words}"`,
    ),
  ].filter(Boolean);
  const text = lines.join('\n');
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text;
}

/** The referral a step-up sends: the family from the person index, the reason, and the history. */
export async function stepUpReferral(
  db: Db,
  actor: Actor,
  e: repo.EpisodeRow,
  reason: string,
): Promise<ReferralInput> {
  const family = await work.familyDetails(db, e.id);
  const children = family.filter((f) => f.kind === 'child');
  const voice = await work.voiceOf(
    db,
    actor.partnershipId,
    children.map((c) => c.personId),
  );
  const history = await historyText(db, actor.partnershipId, e);
  const consent = e.consent === 'given';
  return {
    children: children.map((c) => ({
      givenName: c.givenName,
      familyName: c.familyName,
      otherNames: '',
      unborn: false,
      dateOfBirth: c.dateOfBirth,
      expectedDate: null,
      ageYears: null,
      sex: c.sex,
      nhsNumber: c.nhsNumber,
      upn: c.upn,
    })),
    adults: family
      .filter((f) => f.kind === 'adult')
      .map((a) => ({
        givenName: a.givenName,
        familyName: a.familyName,
        otherNames: '',
        dateOfBirth: a.dateOfBirth,
        sex: a.sex,
        nhsNumber: a.nhsNumber,
        relationship: 'other',
        relationshipDetail: 'In the family’s early help episode',
        livesWithChild: true,
        relationshipTo: null,
        phone: null,
      })),
    address: { known: false },
    concern: `Step-up from early help: ${reason}\n\nWhat early help has tried:\n${history}`.slice(0, 10_000),
    concernCategory: 'not_known',
    childSaid: voice.length
      ? { status: 'said', details: voice.map((v) => `"${v.words}" (${formatDate(v.gatheredOn)})`).join(' ') }
      : { status: 'not_asked', details: null },
    risks: { status: 'no', details: null, visitRisks: null },
    consent: {
      familyAware: true,
      consent: consent ? 'given' : 'not_sought',
      reason: consent ? null : (e.safeguardingReason ?? 'The family withdrew consent to early help'),
      decidedBy: consent ? null : (e.safeguardingBy ?? actor.name),
    },
    referrer: {
      type: 'professional',
      name: actor.name,
      jobTitle: 'Early help lead practitioner',
      agencyId: actor.agencyId,
      agencyName: actor.agencyName,
      phone: null,
      email: actor.email,
      relationship: null,
    },
  };
}
