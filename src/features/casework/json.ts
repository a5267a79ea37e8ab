/**
 * The casework API's answers: a child's casework and voice as stable camel-case JSON (dates
 * 'YYYY-MM-DD', times ISO 8601), never the rows as they are stored.
 */
import { personJson as personHeadingJson, type PersonHeading } from '../people/service.ts';
import type { childVoicePage, Overview } from './service.ts';

const timestamp = (v: Date | string) => new Date(v).toISOString();

const personJson = (p: PersonHeading) => ({ ...personHeadingJson(p), restricted: p.restricted });

type EpisodeView = Overview['episodes'][number];

function episodeJson({ episode: e, parts }: EpisodeView) {
  return {
    id: e.id,
    status: e.status,
    referralId: e.referralId,
    referralDecision: e.referralDecision,
    referralDate: e.referralDate,
    referralSource: e.referralSource,
    primaryNeed: e.primaryNeed,
    stepUpReference: e.stepUpReference,
    closureDate: e.closureDate,
    closureReason: e.closureReason,
    stepDownReference: e.stepDownReference,
    assessments: parts.assessments.map((a) => ({
      id: a.id,
      status: a.status,
      startDate: a.startDate,
      factors: a.factors,
      analysis: a.analysis,
      outcome: a.outcome,
      completedDate: a.completedDate,
      lateReason: a.lateReason,
      authorisedDate: a.authorisedDate,
      voiceAbsentReason: a.voiceAbsentReason,
    })),
    strategyDiscussions: parts.strategyDiscussions.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      agencies: s.agencyNames,
      participants: s.participants,
      decision: s.decision,
      rationale: s.rationale,
    })),
    section47Enquiries: parts.section47s.map((s) => ({
      id: s.id,
      strategyDiscussionId: s.strategyDiscussionId,
      startDate: s.startDate,
      status: s.status,
      outcome: s.outcome,
      conferenceNeeded: s.conferenceNeeded,
      outcomeDate: s.outcomeDate,
      outcomeNotes: s.outcomeNotes,
      signedOffDate: s.signedOffDate,
    })),
    conferences: parts.conferences.map((c) => ({
      id: c.id,
      kind: c.kind,
      heldOn: c.heldOn,
      section47Id: c.section47Id,
      cpPlanId: c.cpPlanId,
      chair: c.chair,
      agencies: c.agencyNames,
      attendanceNotes: c.attendanceNotes,
      decision: c.decision,
      category: c.category,
      voiceAbsentReason: c.voiceAbsentReason,
    })),
    childProtectionPlans: parts.cpPlans.map((pl) => ({
      id: pl.id,
      status: pl.status,
      initialConferenceId: pl.initialConferenceId,
      startDate: pl.startDate,
      initialCategory: pl.initialCategory,
      latestCategory: pl.latestCategory,
      endDate: pl.endDate,
      endReason: pl.endReason,
      coreGroups: parts.coreGroups
        .filter((g) => g.cpPlanId === pl.id)
        .map((g) => ({ id: g.id, heldOn: g.heldOn, agencies: g.agencyNames, notes: g.notes })),
    })),
    childInNeedPlans: parts.cinPlans.map((pl) => ({
      id: pl.id,
      status: pl.status,
      startDate: pl.startDate,
      endDate: pl.endDate,
      endReason: pl.endReason,
      reviews: parts.cinReviews
        .filter((r) => r.cinPlanId === pl.id)
        .map((r) => ({ id: r.id, heldOn: r.heldOn, notes: r.notes, voiceAbsentReason: r.voiceAbsentReason })),
    })),
    visits: parts.visits.map((v) => ({
      id: v.id,
      visitedOn: v.visitedOn,
      statutory: v.cpPlanId !== null,
      cpPlanId: v.cpPlanId,
      seen: v.seen,
      seenAlone: v.seenAlone,
      bedroomSeen: v.bedroomSeen,
      notSeenReason: v.notSeenReason,
      notes: v.notes,
      voiceAbsentReason: v.voiceAbsentReason,
    })),
    managerDecisions: parts.decisions.map((d) => ({
      id: d.id,
      point: d.point,
      subjectId: d.subjectId,
      decision: d.decision,
      note: d.note,
      decidedOn: d.decidedOn,
      decidedBy: d.decidedByName,
    })),
  };
}

/** Where the child is now: the open episode and what is open in it. */
function currentJson(o: Overview) {
  const open = o.episodes.find((e) => e.episode.status === 'open');
  const p = open?.parts;
  const assessment = p?.assessments.find((a) => a.status !== 'authorised');
  const s47 = p?.section47s.find((s) => s.status !== 'completed');
  const cp = p?.cpPlans.find((x) => x.status === 'open');
  const cin = p?.cinPlans.find((x) => x.status === 'open');
  return {
    status: open ? 'open' : o.episodes.length ? 'closed' : 'none',
    episodeId: open?.episode.id ?? null,
    assessment: assessment
      ? { id: assessment.id, status: assessment.status, startDate: assessment.startDate }
      : null,
    section47Enquiry: s47 ? { id: s47.id, status: s47.status, startDate: s47.startDate } : null,
    childProtectionPlan: cp ? { id: cp.id, startDate: cp.startDate, category: cp.latestCategory } : null,
    childInNeedPlan: cin ? { id: cin.id, startDate: cin.startDate } : null,
  };
}

export function caseworkJson(o: Overview) {
  return {
    person: personJson(o.person),
    today: o.today,
    current: currentJson(o),
    clocks: o.clocks.map((c) => ({
      type: c.type,
      label: c.label,
      startedBy: c.startedBy,
      startDate: c.start,
      dueDate: c.dueDate,
      overdue: c.due.status === 'overdue',
      dueText: c.due.text,
    })),
    episodes: o.episodes.map(episodeJson),
  };
}

type VoicePage = Awaited<ReturnType<typeof childVoicePage>>;

export function voiceJson(v: VoicePage) {
  return {
    person: personJson(v.person),
    entries: v.entries.map((e) => ({
      id: e.id,
      gatheredOn: e.gatheredOn,
      words: e.words,
      methods: e.methods,
      gatheredBy: e.gatheredBy,
      context: e.context,
      recordedAt: timestamp(e.createdAt),
    })),
    notHeard: v.absences.map((a) => ({ context: a.context, on: a.on, reason: a.reason })),
  };
}
