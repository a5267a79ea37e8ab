/** What the casework templates show: choices with what was typed kept, and labels for codes. */
import {
  ABUSE_CATEGORIES,
  ACTION_PROGRESS,
  ASSESSMENT_FACTORS,
  ASSESSMENT_OUTCOMES,
  CIN_PLAN_END_REASONS,
  CLOSURE_REASONS,
  CP_PLAN_END_REASONS,
  ICPC_DECISIONS,
  PRIMARY_NEEDS,
  REFERRAL_SOURCES,
  REVIEW_DECISIONS,
  S47_OUTCOMES,
  STRATEGY_DECISIONS,
  VOICE_CONTEXTS,
  VOICE_METHODS,
} from './codes.ts';
import type { Code } from '../../platform/codes.ts';
import { formatDate } from '../../platform/dates.ts';
import type { Overview } from './service.ts';

type Values = Record<string, string | string[] | undefined>;

const one = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
const many = (v: Values, k: string) => [v[k] ?? []].flat().filter((x): x is string => typeof x === 'string');

function radios(list: readonly Code[], selected: string | undefined) {
  return list.map((c) => ({
    value: c.value,
    text: c.label,
    hint: c.hint ? { text: c.hint } : undefined,
    checked: c.value === selected,
  }));
}

function checks(list: readonly Code[], selected: string[]) {
  return list.map((c) => ({ value: c.value, text: c.label, checked: selected.includes(c.value) }));
}

const yesNo = (selected: string | undefined) => [
  { value: 'yes', text: 'Yes', checked: selected === 'yes' },
  { value: 'no', text: 'No', checked: selected === 'no' },
];

/** Every list a casework form may show, with the choices already made ticked. */
export function formItems(v: Values, data: Record<string, unknown>) {
  const agencies = (data.agencies as { id: string; name: string }[] | undefined) ?? [];
  const referrals =
    (data.referrals as { id: string; referralDate: string; decision: string }[] | undefined) ?? [];
  const decisionLabels: Record<string, string> = {
    section_17: 'Section 17 assessment',
    strategy_section_47: 'Strategy discussion / section 47 enquiry',
    immediate_protection: 'Immediate protection',
  };
  return {
    referrals: [
      ...referrals.map((r) => ({
        value: r.id,
        text: `Referral of ${formatDate(r.referralDate)}`,
        hint: { text: `MASH decision: ${decisionLabels[r.decision] ?? r.decision}` },
        checked: one(v, 'referral') === r.id,
      })),
      ...(referrals.length ? [{ divider: 'or' }] : []),
      {
        value: 'none',
        text: 'A referral not recorded in Together',
        hint: { text: 'For example a step-up from early help. Enter its date below.' },
        checked: one(v, 'referral') === 'none',
      },
    ],
    sources: [
      { value: '', text: 'Choose the source' },
      ...REFERRAL_SOURCES.map((c) => ({
        value: c.value,
        text: `${c.value}: ${c.label}`,
        selected: c.value === one(v, 'referralSource'),
      })),
    ],
    needs: radios(
      PRIMARY_NEEDS.map((c) => ({ value: c.value, label: `${c.value}: ${c.label}` })),
      one(v, 'primaryNeed'),
    ),
    closureReasons: radios(
      CLOSURE_REASONS.map((c) => ({ value: c.value, label: `${c.value}: ${c.label}` })),
      one(v, 'closureReason'),
    ),
    factors: checks(
      ASSESSMENT_FACTORS.map((c) => ({ value: c.value, label: `${c.value}: ${c.label}` })),
      many(v, 'factors'),
    ),
    outcomes: radios(ASSESSMENT_OUTCOMES, one(v, 'outcome')),
    strategyDecisions: radios(STRATEGY_DECISIONS, one(v, 'decision')),
    // One select an action of the plan: its progress at this core group or review conference.
    progress: (
      (data.actions as
        { id: string; action: string; dueDate: string; progress: string | null }[] | undefined) ?? []
    ).map((a, i) => ({
      id: i === 0 ? 'progress' : `progress-${i + 1}`,
      label: `${a.action} (due ${formatDate(a.dueDate)})`,
      items: [
        { value: '', text: 'Not reviewed at this meeting' },
        ...ACTION_PROGRESS.map((c) => ({
          value: `${a.id}:${c.value}`,
          text: c.label,
          selected: many(v, 'progress').includes(`${a.id}:${c.value}`),
        })),
      ],
    })),
    ownerAgencies: [
      { value: '', text: 'No agency: a person owns it' },
      ...agencies.map((a) => ({ value: a.id, text: a.name, selected: one(v, 'ownerAgency') === a.id })),
    ],
    planOutcomes: [
      { value: '', text: 'Not one outcome in particular' },
      ...((data.outcomes as { id: string; outcome: string }[] | undefined) ?? []).map((o) => ({
        value: o.id,
        text: o.outcome,
        selected: one(v, 'outcomeId') === o.id,
      })),
    ],
    // A brother's or sister's part of the same initial conference: their decision (a plan with its
    // category, or no plan) and their voice, each input in the order of the hidden `siblingIds`.
    conferenceSiblings: (
      (data.conferenceSiblings as
        { personId: string; givenName: string; familyName: string }[] | undefined) ?? []
    ).map((c, i) => {
      const name = `${c.givenName} ${c.familyName}`.trim();
      const pick = (key: string, value: string) => many(v, key).includes(`${c.personId}:${value}`);
      return {
        personId: c.personId,
        index: i,
        name,
        decisionId: i === 0 ? 'siblingDecisions' : `siblingDecisions-${i + 1}`,
        decisions: [
          { value: '', text: 'Not discussed at this conference' },
          ...ABUSE_CATEGORIES.map((cat) => ({
            value: `${c.personId}:plan_${cat.value.toLowerCase()}`,
            text: `Child protection plan: ${cat.label.toLowerCase()}`,
            selected: pick('siblingDecisions', `plan_${cat.value.toLowerCase()}`),
          })),
          ...ICPC_DECISIONS.filter((d) => d.value !== 'plan').map((d) => ({
            value: `${c.personId}:${d.value}`,
            text: d.label,
            selected: pick('siblingDecisions', d.value),
          })),
        ],
        methods: [
          { value: '', text: 'Choose how it was gathered' },
          ...VOICE_METHODS.map((m) => ({
            value: `${c.personId}:${m.value}`,
            text: m.label,
            selected: pick('siblingMethods', m.value),
          })),
        ],
        words: many(v, 'siblingWords')[i] ?? '',
        absent: many(v, 'siblingAbsent')[i] ?? '',
      };
    }),
    // One select a brother or sister, each the child's own decision at the same meeting.
    siblings: (
      (data.siblings as { personId: string; givenName: string; familyName: string }[] | undefined) ?? []
    ).map((c, i) => ({
      id: i === 0 ? 'siblingDecisions' : `siblingDecisions-${i + 1}`,
      name: `${c.givenName} ${c.familyName}`.trim(),
      items: [
        { value: '', text: 'Not discussed at this meeting' },
        ...STRATEGY_DECISIONS.map((d) => ({
          value: `${c.personId}:${d.value}`,
          text: d.label,
          selected: many(v, 'siblingDecisions').includes(`${c.personId}:${d.value}`),
        })),
      ],
    })),
    s47Outcomes: radios(S47_OUTCOMES, one(v, 'outcome')),
    icpcDecisions: radios(ICPC_DECISIONS, one(v, 'decision')),
    reviewDecisions: radios(REVIEW_DECISIONS, one(v, 'decision')),
    categories: radios(ABUSE_CATEGORIES, one(v, 'category')),
    cpEndReasons: radios(CP_PLAN_END_REASONS, one(v, 'endReason')),
    cinEndReasons: radios(CIN_PLAN_END_REASONS, one(v, 'endReason')),
    voiceMethods: checks(VOICE_METHODS, many(v, 'voice-methods')),
    methods: checks(VOICE_METHODS, many(v, 'methods')),
    agencies: agencies.map((a) => ({
      value: a.id,
      text: a.name,
      checked: many(v, 'agencies').includes(a.id),
    })),
    conferenceNeeded: yesNo(one(v, 'conferenceNeeded')),
    seen: yesNo(one(v, 'seen')),
    seenAlone: yesNo(one(v, 'seenAlone')),
    bedroomSeen: yesNo(one(v, 'bedroomSeen')),
    managerDecision: [
      { value: 'agreed', text: 'Agree', checked: one(v, 'decision') === 'agreed' },
      { value: 'returned', text: 'Return for more work', checked: one(v, 'decision') === 'returned' },
    ],
  };
}

const map = (list: readonly Code[]) => Object.fromEntries(list.map((c) => [c.value, c.label]));

/** Labels of every code the casework pages show. */
export const LABELS = {
  sources: map(REFERRAL_SOURCES),
  needs: map(PRIMARY_NEEDS),
  closures: map(CLOSURE_REASONS),
  factors: map(ASSESSMENT_FACTORS),
  outcomes: map(ASSESSMENT_OUTCOMES),
  strategy: map(STRATEGY_DECISIONS),
  s47: map(S47_OUTCOMES),
  categories: map(ABUSE_CATEGORIES),
  conference: { ...map(ICPC_DECISIONS), ...map(REVIEW_DECISIONS) },
  cpEnd: map(CP_PLAN_END_REASONS),
  cinEnd: map(CIN_PLAN_END_REASONS),
  methods: map(VOICE_METHODS),
  contexts: map(VOICE_CONTEXTS),
  assessmentStatus: {
    in_progress: 'In progress',
    awaiting_authorisation: 'Waiting for authorisation',
    authorised: 'Authorised',
  } as Record<string, string>,
  s47Status: { open: 'Open', awaiting_sign_off: 'Waiting for sign-off', completed: 'Completed' } as Record<
    string,
    string
  >,
  points: {
    assessment_authorisation: 'Assessment authorisation',
    section_47_sign_off: 'Section 47 outcome sign-off',
    cp_plan_end: 'End of the child protection plan',
    cin_plan_end: 'End of the child in need plan',
    episode_closure: 'Closure of the episode',
  } as Record<string, string>,
};

const d = (iso: string | null | undefined) => (iso ? formatDate(iso) : '');
const yes = (b: boolean | null | undefined) => (b === null || b === undefined ? '' : b ? 'Yes' : 'No');
const cell = (text: string) => ({ text });

interface Table {
  heading: string;
  head: { text: string }[];
  rows: ({ text: string } | { html: string })[][];
}

/** A link in a table cell: the address and text are the page's own (dates, ids), never typed text. */
type Link = { html: string };
const link = (href: string, text: string): Link => ({
  html: `<a class="govuk-link" href="${href}">${text}</a>`,
});

function table(heading: string, head: string[], rows: (string | Link)[][]): Table | undefined {
  return rows.length
    ? {
        heading,
        head: head.map(cell),
        rows: rows.map((r) => r.map((c) => (typeof c === 'string' ? cell(c) : c))),
      }
    : undefined;
}

function episodeView(e: Overview['episodes'][number]) {
  const { episode: ep, parts } = e;
  const summary = [
    ['Referral date', d(ep.referralDate)],
    ['Source of referral', `${ep.referralSource}: ${LABELS.sources[ep.referralSource] ?? ''}`],
    ['Primary need', `${ep.primaryNeed}: ${LABELS.needs[ep.primaryNeed] ?? ''}`],
    ...(ep.stepUpReference ? [['Step-up from early help', ep.stepUpReference]] : []),
    ...(ep.closureDate
      ? [
          ['Closed', d(ep.closureDate)],
          ['Reason for closure', `${ep.closureReason}: ${LABELS.closures[ep.closureReason ?? ''] ?? ''}`],
        ]
      : []),
    ...(ep.stepDownReference ? [['Stepped down to early help', ep.stepDownReference]] : []),
  ].map(([k, v]) => ({ key: { text: k }, value: { text: v } }));
  const plans = parts.cpPlans.map((pl) => {
    const groups = parts.coreGroups.filter((g) => g.cpPlanId === pl.id).map((g) => d(g.heldOn));
    return [
      d(pl.startDate),
      LABELS.categories[pl.initialCategory] ?? '',
      LABELS.categories[pl.latestCategory] ?? '',
      groups.join(', ') || 'None yet',
      pl.endDate ? `${d(pl.endDate)}: ${LABELS.cpEnd[pl.endReason ?? ''] ?? pl.endReason}` : 'Open',
    ];
  });
  const cin = parts.cinPlans.map((pl) => [
    d(pl.startDate),
    parts.cinReviews
      .filter((r) => r.cinPlanId === pl.id)
      .map((r) => d(r.heldOn))
      .join(', ') || 'None yet',
    pl.endDate ? `${d(pl.endDate)}: ${LABELS.cinEnd[pl.endReason ?? ''] ?? pl.endReason}` : 'Open',
  ]);
  const tables = [
    table(
      'Assessments',
      ['Started', 'Status', 'Completed', 'Authorised', 'Outcome', 'Reason late'],
      parts.assessments.map((a) => [
        d(a.startDate),
        LABELS.assessmentStatus[a.status] ?? a.status,
        d(a.completedDate),
        d(a.authorisedDate),
        LABELS.outcomes[a.outcome ?? ''] ?? '',
        a.lateReason ?? '',
      ]),
    ),
    table(
      'Strategy discussions',
      ['Date', 'Agencies', 'Decision'],
      parts.strategyDiscussions.map((s) => [
        link(`/people/${ep.personId}/strategy-discussions/${s.id}`, d(s.heldOn)),
        s.agencyNames.join(', '),
        LABELS.strategy[s.decision] ?? s.decision,
      ]),
    ),
    table(
      'Section 47 enquiries',
      ['Started', 'Status', 'Outcome', 'Conference needed', 'Signed off'],
      parts.section47s.map((s) => [
        d(s.startDate),
        LABELS.s47Status[s.status] ?? s.status,
        LABELS.s47[s.outcome ?? ''] ?? '',
        yes(s.conferenceNeeded),
        d(s.signedOffDate),
      ]),
    ),
    table(
      'Child protection conferences',
      ['Date', 'Conference', 'Decision', 'Category', 'Agencies attending'],
      parts.conferences.map((c) => [
        link(`/people/${ep.personId}/conferences/${c.id}`, d(c.heldOn)),
        c.kind === 'initial' ? 'Initial' : 'Review',
        LABELS.conference[c.decision] ?? c.decision,
        LABELS.categories[c.category ?? ''] ?? '',
        c.agencyNames.join(', '),
      ]),
    ),
    table(
      'Child protection plans',
      ['Started', 'Initial category', 'Latest category', 'Core groups', 'Ended'],
      plans,
    ),
    table('Child in need plans', ['Started', 'Reviews', 'Ended'], cin),
    table(
      'Visits',
      ['Date', 'Statutory', 'Seen', 'Seen alone', 'Bedroom seen'],
      parts.visits.map((v) => [
        d(v.visitedOn),
        yes(!!v.cpPlanId),
        yes(v.seen),
        yes(v.seenAlone),
        yes(v.bedroomSeen),
      ]),
    ),
    table(
      'Manager’s decisions',
      ['Date', 'Decision point', 'Decision', 'By', 'Reasons'],
      parts.decisions.map((m) => [
        d(m.decidedOn),
        LABELS.points[m.point] ?? m.point,
        m.decision === 'agreed' ? 'Agreed' : 'Returned for more work',
        m.decidedByName,
        m.note,
      ]),
    ),
  ].filter((t): t is Table => Boolean(t));
  return { episode: ep, summary, tables };
}

export function overviewView(o: Overview) {
  // A clock links to its step only when the step is one the user may take now (the next steps,
  // from the same permission check as the change); otherwise it is named in words.
  const steps = new Set(o.actions.map((a) => a.href));
  return {
    ...o,
    labels: LABELS,
    clockRows: o.clocks.map((c) => [
      steps.has(c.href)
        ? { html: `<a class="govuk-link" href="${escapeHtml(c.href)}">${escapeHtml(c.label)}</a>` }
        : { text: c.label },
      { text: `${c.startedBy}, ${d(c.start)}` },
      { text: d(c.dueDate) },
      { html: `<strong class="govuk-tag ${c.due.tag}">${escapeHtml(c.due.text)}</strong>` },
    ]),
    episodeViews: o.episodes.map(episodeView),
  };
}

export function voiceView<T extends { absences: { context: string; on: string; reason: string }[] }>(
  page: T,
) {
  return {
    ...page,
    labels: LABELS,
    absenceRows: page.absences.map((a) => [
      cell(d(a.on)),
      cell(LABELS.contexts[a.context] ?? a.context),
      cell(a.reason),
    ]),
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
