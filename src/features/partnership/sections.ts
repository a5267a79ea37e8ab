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

  // Training.

  // Escalations and the executive's page.
];
