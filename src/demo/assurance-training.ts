/**
 * Two years of the partnership's training: eight courses, sessions every few months, the demo
 * practitioners' places with attendance, evaluations and impact follow-ups, and the numbers each
 * agency should reach. A handful of bulk inserts; dates are relative to `today`.
 */
import type { Db } from '../db/index.ts';
import { addMonths } from '../platform/calendar.ts';
import { Rows } from './bulk.ts';
import { DEMO_USERS, type DemoOrganisation } from './organisation.ts';
import { Rng } from './random.ts';

const COURSES = [
  [
    'Safeguarding children: the basics',
    'single_agency',
    'What abuse and neglect look like, and what to do when worried about a child.',
  ],
  [
    'Working together: multi-agency safeguarding',
    'multi_agency',
    'How the partners share information, make referrals and plan together.',
  ],
  [
    'Recognising and responding to neglect',
    'multi_agency',
    'Using the neglect toolkit to see the child’s lived experience over time.',
  ],
  [
    'Domestic abuse and its impact on children',
    'multi_agency',
    'Coercive control, risk assessment and the child as a victim in their own right.',
  ],
  [
    'Child sexual and criminal exploitation',
    'specialist',
    'Spotting grooming and exploitation, and the partnership’s response.',
  ],
  [
    'Hearing the voice of the child',
    'multi_agency',
    'Ways to hear what children say and show, and to record it in their own words.',
  ],
  ['Contextual safeguarding', 'specialist', 'Harm outside the home: peers, places and online.'],
  [
    'Resolving professional disagreements',
    'multi_agency',
    'When and how to escalate, and how to settle a disagreement about a child.',
  ],
] as const;

const AUDIENCE: Record<string, string[]> = {
  single_agency: ['partner_practitioner', 'early_help_lead'],
  multi_agency: ['social_worker', 'team_manager', 'partner_practitioner', 'mash_officer', 'early_help_lead'],
  specialist: ['social_worker', 'team_manager', 'mash_officer'],
};

/** Past sessions (months before today) and coming ones (after), staggered by course. */
const PAST = [-23, -17, -11, -6, -2];
const COMING = [1, 3];

/** Staff each agency should reach on each course in a year: some agencies fall short, one reaches none. */
const EXPECTED: Record<string, number> = {
  council: 10,
  police: 3,
  icb: 2,
  hospital: 2,
  community: 2,
  gp: 1,
  school1: 2,
  probation: 2,
};

export async function seedTraining(db: Db, org: DemoOrganisation, today: string): Promise<void> {
  const rng = new Rng(20_260_712);
  const pid = org.partnershipId;
  const bookers = DEMO_USERS.filter((u) =>
    u.roles.some((r) =>
      [
        'social_worker',
        'team_manager',
        'partner_practitioner',
        'mash_officer',
        'mash_manager',
        'early_help_lead',
      ].includes(r),
    ),
  );
  const courses = new Rows(
    'training_course',
    {
      id: 'uuid',
      partnership_id: 'uuid',
      title: 'text',
      description: 'text',
      level: 'text',
      _audience: 'text',
    },
    {
      audience_roles: "string_to_array(_audience, ',')",
    },
  );
  const expected = new Rows('training_expectation', {
    partnership_id: 'uuid',
    course_id: 'uuid',
    agency_id: 'uuid',
    year: 'int',
    expected: 'int',
  });
  const sessions = new Rows('training_session', {
    id: 'uuid',
    partnership_id: 'uuid',
    course_id: 'uuid',
    held_on: 'date',
    starts_at: 'text',
    online: 'bool',
    venue: 'text',
    capacity: 'int',
    trainer: 'text',
  });
  const bookings = new Rows('training_booking', {
    id: 'uuid',
    partnership_id: 'uuid',
    session_id: 'uuid',
    user_id: 'uuid',
    agency_id: 'uuid',
    role: 'text',
    attendance: 'text',
  });
  const evaluations = new Rows('training_evaluation', {
    booking_id: 'uuid',
    partnership_id: 'uuid',
    confidence_before: 'int',
    confidence_after: 'int',
    comments: 'text',
  });
  const followUps = new Rows('training_follow_up', {
    booking_id: 'uuid',
    partnership_id: 'uuid',
    changed_practice: 'text',
    impact: 'int',
  });
  const year = Number(today.slice(0, 4));

  COURSES.forEach(([title, level, description], ci) => {
    const courseId = rng.uuid();
    courses.add({
      id: courseId,
      partnership_id: pid,
      title,
      description,
      level,
      _audience: AUDIENCE[level]!.join(','),
    });
    for (const y of [year - 1, year])
      for (const [agency, n] of Object.entries(EXPECTED))
        if (level !== 'specialist' || agency === 'council' || agency === 'police')
          expected.add({
            partnership_id: pid,
            course_id: courseId,
            agency_id: org.agencies[agency]!,
            year: y,
            expected: n,
          });
    for (const offset of [...PAST, ...COMING]) {
      // A day from the 3rd to the 26th: one that every month has.
      const day = String(3 + ((ci * 3 + Math.abs(offset)) % 24)).padStart(2, '0');
      const heldOn = `${addMonths(today, offset).slice(0, 8)}${day}`;
      if (offset < 0 && heldOn >= today) continue;
      const sessionId = rng.uuid();
      const online = rng.chance(0.4);
      const taking = rng.faker.helpers.arrayElements(bookers, offset < 0 ? rng.int(3, 8) : rng.int(0, 3));
      // The first course's next session is full, so that the catalogue shows one.
      const capacity = ci === 0 && offset === COMING[0] ? taking.length || 1 : rng.pick([12, 16, 20, 24]);
      sessions.add({
        id: sessionId,
        partnership_id: pid,
        course_id: courseId,
        held_on: heldOn,
        starts_at: rng.pick(['09:30', '10:00', '13:30']),
        online,
        venue: online
          ? null
          : rng.pick([
              'Elmshire County Hall, Room 2',
              'Millbrook Community Centre',
              'Elmshire Police HQ, Training Suite',
            ]),
        capacity,
        trainer: rng.pick(['Sue Barker', 'Marcus Leigh', 'Dr Ayesha Khan', 'Owen Price']),
      });
      for (const u of taking.slice(0, capacity)) {
        const bookingId = rng.uuid();
        const attended = offset < 0 ? (rng.chance(0.88) ? 'attended' : 'did_not_attend') : null;
        bookings.add({
          id: bookingId,
          partnership_id: pid,
          session_id: sessionId,
          user_id: org.users[u.key]!,
          agency_id: org.agencies[u.agency]!,
          role: u.roles.find((r) => r !== 'referrer') ?? u.roles[0]!,
          attendance: attended,
        });
        if (attended !== 'attended' || rng.chance(0.15)) continue;
        const before = rng.int(1, 3);
        evaluations.add({
          booking_id: bookingId,
          partnership_id: pid,
          confidence_before: before,
          confidence_after: Math.min(5, before + rng.int(0, 3)),
          comments: rng.pick([
            '',
            'Very practical.',
            'More time on case examples, please.',
            'Good to meet colleagues from other agencies.',
          ]),
        });
        if (addMonths(heldOn, 3) > today || rng.chance(0.3)) continue;
        followUps.add({
          booking_id: bookingId,
          partnership_id: pid,
          changed_practice: rng.pick([
            'I now ask to see the child alone at every visit.',
            'I refer to the MASH sooner and share what I know.',
            'I use the neglect toolkit with families.',
            'I record what children say in their own words.',
          ]),
          impact: rng.int(2, 5),
        });
      }
    }
  });
  for (const rows of [courses, expected, sessions, bookings, evaluations, followUps]) await rows.insert(db);
}
