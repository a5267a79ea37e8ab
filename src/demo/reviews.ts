/**
 * Demo practice reviews, one in each state: a notification awaiting its rapid review, a rapid
 * review that decided not to commission a local review, a published review whose recommendations
 * are part-done in the action log, and a review the partners decided not to publish, with reasons.
 * Each is about a child of the demo population (restricted from its notification, as the service
 * does it), with the chronology of the child and the adults around them assembled for the review.
 * Straight SQL (demo rows write no audit events); runs inside the seed's transaction.
 */
import type { Db } from '../db/index.ts';
import { addWorkingDays, subtractWorkingDays } from '../platform/calendar.ts';
import { dueDate } from '../platform/clocks.ts';
import { chronologyForReview } from '../features/chronology/service.ts';
import { restrictForReview } from '../features/reviews/service.ts';
import { demoActor, type DemoOrganisation } from './organisation.ts';

interface Plan {
  stage: 'notified' | 'not_commissioned' | 'published' | 'not_published';
  pseudonym: string;
  criteria: string[];
  whatHappened: string;
  /** Working days before today that the council became aware. */
  awareAgo: number;
}

const PLANS: Plan[] = [
  {
    stage: 'notified',
    pseudonym: 'Child Ak',
    criteria: ['serious_harm', 'abuse_or_neglect', 'in_area'],
    whatHappened: 'The child was admitted to hospital with injuries the family could not explain.',
    awareAgo: 3,
  },
  {
    stage: 'not_commissioned',
    pseudonym: 'Child Bm',
    criteria: ['serious_harm', 'abuse_or_neglect', 'in_area'],
    whatHappened: 'The child was found alone at home for two days while the parent was in custody.',
    awareAgo: 45,
  },
  {
    stage: 'published',
    pseudonym: 'Child Cn',
    criteria: ['serious_harm', 'abuse_or_neglect', 'in_area'],
    whatHappened: 'The child was found locked in a room, severely neglected, after months out of school.',
    awareAgo: 160,
  },
  {
    stage: 'not_published',
    pseudonym: 'Child Dp',
    criteria: ['death', 'abuse_or_neglect', 'in_area'],
    whatHappened: 'The child died at home; the family was known to several agencies.',
    awareAgo: 220,
  },
];

const REPORT = (p: string) =>
  `${p} lived with Adult 1 and Sibling 1. Each agency held a piece of the picture: the school saw ${p} hungry and often absent, the police attended the home after a domestic incident, and the health visitor could not get in. Nobody put the pieces together, and nobody asked ${p} what life at home was like.`;

const RECOMMENDATIONS: {
  text: string;
  owner: string;
  themes: string[];
  actions: [string, 'done' | 'open'][];
}[] = [
  {
    text: 'Police share domestic incident notifications with the child’s school by the next school day.',
    owner: 'police',
    themes: ['information_sharing'],
    actions: [
      ['Set up next-day notifications to schools', 'done'],
      ['Audit a sample of notifications after six months', 'done'],
    ],
  },
  {
    text: 'Practitioners see the child alone and record what the child says, at every visit.',
    owner: 'council',
    themes: ['voice_of_child'],
    actions: [
      ['Briefing for every social work team', 'done'],
      ['Add “seen alone” to the supervision checklist', 'open'],
    ],
  },
  {
    text: 'Health visitors escalate when they cannot get into the home twice running.',
    owner: 'community',
    themes: ['professional_curiosity', 'escalation'],
    actions: [['Write the no-access escalation pathway', 'open']],
  },
];

export async function seedReviews(db: Db, org: DemoOrganisation, opts: { today: string }): Promise<void> {
  const today = opts.today;
  const pid = org.partnershipId;
  const bm = org.users.bm!;
  const tm = demoActor(org, 'tm');
  // Children with an adult linked in the records and chronology to assemble; none on an open contact.
  const children = await db.query<{ id: string }>(
    `select p.id from person p where p.partnership_id = $1 and p.kind = 'child' and not p.restricted and not p.unborn
       and exists (select 1 from relationship r join person a on a.kind = 'adult'
                   and a.id in (r.person_id, r.related_person_id) where p.id in (r.person_id, r.related_person_id))
       and exists (select 1 from chronology_entry e where e.person_id = p.id)
       and not exists (select 1 from contact_person cp join contact c on c.id = cp.contact_id
                       where cp.person_id = p.id and c.status = 'open')
     order by p.family_name, p.given_name, p.date_of_birth, p.nhs_number limit 4`,
    [pid],
  );
  for (const [i, plan] of PLANS.entries()) {
    const child = children[i]?.id;
    if (!child) return;
    const awareOn = subtractWorkingDays(today, plan.awareAgo);
    const notifiedOn = addWorkingDays(awareOn, plan.awareAgo > 3 ? 4 : 2);
    const rapidDue = dueDate('rapid-review', notifiedOn);
    const reference = `SI-${notifiedOn.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`;
    const [{ id } = { id: '' }] = await db.query<{ id: string }>(
      `insert into review (partnership_id, reference, person_id, pseudonym, criteria, what_happened, aware_on,
         notification_due_on, notified_on, notified_by, notifier_agency_id, rapid_review_due_on)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) returning id`,
      [
        pid,
        reference,
        child,
        plan.pseudonym,
        plan.criteria,
        plan.whatHappened,
        awareOn,
        dueDate('si-notification', awareOn),
        notifiedOn,
        tm.userId,
        tm.agencyId,
        rapidDue,
      ],
    );
    await db.query(
      `insert into review_agency (partnership_id, review_id, agency_id, told_at)
       select $1, $2, id, $3::timestamptz from agency where partnership_id = $1 and (statutory_partner or id = $4)`,
      [pid, id, notifiedOn, tm.agencyId],
    );
    await db.query(
      `insert into review_subject (partnership_id, review_id, person_id, role, pseudonym) values ($1,$2,$3,'child',$4)`,
      [pid, id, child, plan.pseudonym],
    );
    await restrictForReview(db, tm, child);
    if (plan.stage === 'notified') continue;
    await assemble(db, pid, id, child, plan, addWorkingDays(notifiedOn, 2));
    const meetingOn = addWorkingDays(notifiedOn, 12);
    const commission = plan.stage !== 'not_commissioned';
    await db.query(
      `update review set meeting_on = $2, meeting_notes = $3, learning = $4, themes = $5, commission = $6,
         decision_reasons = $7, panel_response = $8, rapid_completed_on = $2, stage = $9,
         reviewer = $10, terms_of_reference = $11, family_involvement = $12 where id = $1`,
      [
        id,
        meetingOn,
        'The three statutory partners, the school and the health visiting service met with the chronology.',
        commission
          ? 'Agencies held pieces of the picture that nobody put together; the child was not asked.'
          : 'Practice was largely good; one late information share, already put right.',
        commission
          ? ['information_sharing', 'voice_of_child', 'professional_curiosity']
          : ['information_sharing'],
        commission,
        commission
          ? 'There is learning for every agency that a local review can bring out.'
          : 'The rapid review found the learning already; a local review would add little.',
        commission
          ? 'The national panel agreed with the decision.'
          : 'The national panel agreed: no local review.',
        commission ? 'local_review' : 'not_commissioned',
        commission ? 'An independent reviewer' : null,
        commission ? 'How agencies shared what they knew, and whether the child was heard.' : null,
        commission ? 'The family met the reviewer twice.' : null,
      ],
    );
    if (!commission) continue;
    await db.query(
      `insert into review_report_version (partnership_id, review_id, version, final, text, by_user, at)
       values ($1,$2,1,true,$3,$4,$5::timestamptz)`,
      [pid, id, REPORT(plan.pseudonym), bm, addWorkingDays(meetingOn, 40)],
    );
    const publish = plan.stage === 'published';
    const publicationOn = addWorkingDays(meetingOn, 60);
    await db.query(
      `update review set publish = $2, publish_reasons = $3, publication_on = $4, published_text = $5, briefing = $6,
         decided_on = $7, published_on = $4, stage = $8 where id = $1`,
      [
        id,
        publish,
        publish
          ? 'The learning matters to every agency, and the report can be anonymised.'
          : 'Publishing would identify the surviving siblings and harm them; the learning is shared in a briefing instead.',
        publish ? publicationOn : null,
        publish ? REPORT(plan.pseudonym) : null,
        'Ask the child, see the child alone, and share what you know the next day.',
        subtractWorkingDays(publicationOn, 10),
        plan.stage,
      ],
    );
    if (!publish) await db.query(`update review set published_on = null where id = $1`, [id]);
    await db.query(
      `insert into review_sign_off (partnership_id, review_id, agency_id, user_id, at)
       select $1, $2, a.id, u.id, $3::timestamptz from agency a
         join lateral (select id from app_user where agency_id = a.id and 'agency_lead' = any(roles) order by email limit 1) u on true
       where a.partnership_id = $1 and a.statutory_partner`,
      [pid, id, subtractWorkingDays(publicationOn, 10)],
    );
    if (publish) await recommendations(db, org, id, reference, meetingOn, today);
  }
}

/** The chronology of the child and the people linked to the child, for a year before the incident. */
async function assemble(db: Db, pid: string, id: string, child: string, plan: Plan, on: string) {
  const linked = await db.query<{ id: string; kind: string }>(
    `select distinct p.id, p.kind from relationship r join person p on p.id in (r.person_id, r.related_person_id)
     where $1 in (r.person_id, r.related_person_id) and p.id <> $1 order by p.kind, p.id`,
    [child],
  );
  const names = new Map<string, string>([[child, plan.pseudonym]]);
  let siblings = 0;
  let adults = 0;
  for (const p of linked) {
    const pseudonym = p.kind === 'child' ? `Sibling ${++siblings}` : `Adult ${++adults}`;
    names.set(p.id, pseudonym);
    await db.query(
      `insert into review_subject (partnership_id, review_id, person_id, role, pseudonym) values ($1,$2,$3,$4,$5)`,
      [pid, id, p.id, p.kind === 'child' ? 'sibling' : 'adult', pseudonym],
    );
  }
  const entries = await chronologyForReview(db, pid, [...names.keys()], { from: '1900-01-01', to: on });
  for (const e of entries) {
    await db.query(
      `insert into review_chronology (partnership_id, review_id, entry_id, subject, agency_id, occurred_on, category, summary, recorded_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [
        pid,
        id,
        e.id,
        names.get(e.personId),
        e.sourceAgencyId,
        e.occurredOn,
        e.categoryLabel,
        e.summary,
        e.recordedBy,
      ],
    );
    await db.query(
      `insert into review_agency (partnership_id, review_id, agency_id) values ($1,$2,$3) on conflict do nothing`,
      [pid, id, e.sourceAgencyId],
    );
  }
  await db.query(
    `update review set period_from = $2, period_to = $3::date, chronology_assembled_at = $3::date::timestamptz,
       stage = 'rapid_review'
     where id = $1`,
    [id, entries[0]?.occurredOn ?? on, on],
  );
  await db.query(
    `update review_agency set analysis = 'We saw part of the picture and did not share it in time.',
       not_recorded = 'Conversations at the school gate.', analysis_at = $2::timestamptz
     where review_id = $1 and told_at is not null`,
    [id, on],
  );
}

/** The published review's recommendations, each with actions in the one log: one closed, two open. */
async function recommendations(
  db: Db,
  org: DemoOrganisation,
  id: string,
  reference: string,
  from: string,
  today: string,
) {
  const pid = org.partnershipId;
  const bm = org.users.bm!;
  for (const [i, r] of RECOMMENDATIONS.entries()) {
    const allDone = r.actions.every(([, s]) => s === 'done');
    const [{ id: recId } = { id: '' }] = await db.query<{ id: string }>(
      `insert into review_recommendation (partnership_id, review_id, number, text, owner_agency_id, themes, closed_on, closed_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
      [pid, id, i + 1, r.text, org.agencies[r.owner], r.themes, allDone ? today : null, allDone ? bm : null],
    );
    for (const [j, [title, status]] of r.actions.entries()) {
      const dueOn = addWorkingDays(from, 40 + 60 * j + 20 * i);
      await db.query(
        `with a as (
           insert into partnership_action (partnership_id, source_kind, source_id, source_label, source_href, title,
             owner_agency_id, due_on, status, evidence, completed_on, created_by, created_at)
           values ($1,'review',$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12::timestamptz) returning id, status, completed_on)
         insert into partnership_action_event (partnership_id, action_id, status_from, status_to, note, by_user, by_name, at)
         select $1, id, null, 'open', '', $11, 'Partnership business manager', $12::timestamptz from a
         union all
         select $1, id, 'open', 'done', 'Done, with evidence', $11, 'Partnership business manager', completed_on::timestamptz
         from a where status = 'done'`,
        [
          pid,
          recId,
          `Review ${reference}, recommendation ${i + 1}`,
          `/partnership/reviews/${id}#recommendation-${i + 1}`,
          title,
          org.agencies[r.owner],
          dueOn,
          status,
          status === 'done' ? 'Evidence seen by the business manager.' : '',
          status === 'done' ? (dueOn < today ? dueOn : today) : null,
          bm,
          from,
        ],
      );
    }
  }
}
