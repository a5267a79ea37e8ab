import type { Permission } from '../../platform/access/roles.ts';

/** A link on the partnership's hub page, shown to users whose roles carry its permission. */
export interface Section {
  href: string;
  title: string;
  description: string;
  permission: Permission;
}

/**
 * The sections of `/partnership`, in the order the hub shows them. Each area adds its own entry
 * in its own block below (blocks stay apart so that areas built side by side merge cleanly).
 */
export const SECTIONS: Section[] = [
  // The partnership, its meetings and its one action log.
  {
    href: '/partnership/arrangements',
    title: 'Arrangements',
    description:
      'The published safeguarding arrangements, each version signed off by the three statutory partners.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/partners',
    title: 'Partners and relevant agencies',
    description: 'The three statutory partners and the agencies they chose to take part.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/plan',
    title: 'Priorities and measures',
    description: 'The plan’s priorities and the measures that show progress, quarter by quarter.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/funding',
    title: 'Funding',
    description: 'Each agency’s contribution by year, and the total.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/meetings',
    title: 'Meetings',
    description: 'The executive and its subgroups: attendance by agency, papers, decisions and actions.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/actions',
    title: 'Actions',
    description:
      'Every action the partnership agreed, whoever raised it: owner, due date, status and evidence.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/actions/overdue',
    title: 'Overdue actions by agency',
    description: 'Which agencies have actions past their due date.',
    permission: 'assurance.read',
  },

  // Independent scrutiny and the voice of children and families.
  {
    href: '/partnership/scrutiny',
    title: 'Independent scrutiny',
    description:
      'The scrutineer’s challenges to the partners, their answers and the judgements, by state and due date.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/scrutiny/reports',
    title: 'Scrutiny reports',
    description: 'The scrutineer’s published reports, with the partners’ answers beside each challenge.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/scrutiny/reads',
    title: 'Reads of children’s records made for scrutiny',
    description: 'Every read of a child’s record the scrutineer made: when, and what part, without names.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/voice',
    title: 'You said, we did',
    description: 'What children, young people and families told the partnership, and what it did.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/voice/child-voice',
    title: 'Where the child’s voice is heard',
    description:
      'The share of assessments, visits, conferences and plan reviews with the child’s own words, by team.',
    permission: 'assurance.read',
  },

  // Multi-agency case audits.
  {
    href: '/partnership/case-audits',
    title: 'Case audits',
    description:
      'Multi-agency audits of a sample of children’s cases: agencies’ answers, moderated grades, findings and actions.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/case-audits/results',
    title: 'Case audit results',
    description: 'Grades by theme and by agency over time.',
    permission: 'assurance.read',
  },

  // Section 11 and schools' self-assessments.
  {
    href: '/partnership/section-11',
    title: 'Section 11 and schools’ self-assessments',
    description:
      'Each agency’s rating against the standards, peer challenge, the practitioners’ survey and where they disagree.',
    permission: 'assurance.read',
  },

  // Training.
  {
    href: '/training/data',
    title: 'Training',
    description:
      'Reach by agency against the numbers expected, confidence before and after, and impact at 3 months.',
    permission: 'assurance.read',
  },

  // Escalations and the executive's page.
  {
    href: '/partnership/executive',
    title: 'The executive’s page',
    description: 'The accountability picture on one page: each area’s headline figures and charts.',
    permission: 'assurance.read',
  },
  {
    href: '/escalations',
    title: 'Escalations',
    description: 'Professional disagreements between agencies about a child’s case, by stage and due date.',
    permission: 'assurance.read',
  },
  {
    href: '/escalations/data',
    title: 'Escalations by agency and stage',
    description: 'Open escalations at each stage, overdue, and resolved in the last year, by agency.',
    permission: 'assurance.read',
  },

  // Practice reviews.
  {
    href: '/partnership/reviews',
    title: 'Practice reviews',
    description:
      'Serious incidents notified, rapid reviews, local practice reviews, their recommendations and publication.',
    permission: 'review.read',
  },
  {
    href: '/partnership/reviews/learning',
    title: 'Learning across reviews',
    description: 'Themes, recurring recommendations and the progress of their actions by agency.',
    permission: 'review.read',
  },
  // The partnership dataset and the yearly report.
  {
    href: '/partnership/dataset',
    title: 'The partnership dataset',
    description:
      'The measures the partnership reports, each with its definition, by month, quarter and year, with charts and a CSV download.',
    permission: 'assurance.read',
  },
  {
    href: '/partnership/yearly-reports',
    title: 'Yearly reports',
    description:
      'The yearly report for each year from 1 April: figures, assurance and what the partnership learned, signed off by the three partners.',
    permission: 'assurance.read',
  },
];
