import type { Actor } from '../access/actor.ts';
import { worksInMashHub } from '../access/policy.ts';
import { can, type Permission } from '../access/roles.ts';

interface NavItem {
  href: string;
  text: string;
  permission?: Permission;
  /** A relationship rule besides the permission (for example: works in the MASH hub). */
  show?: (actor: Actor) => boolean;
}

/** The service navigation, in one place; an item shows when the user's roles allow it. */
const ITEMS: NavItem[] = [
  { href: '/', text: 'Home' },
  { href: '/people', text: 'People', permission: 'person.search' },
  { href: '/my-work', text: 'Your work', permission: 'caseload.view_own' },
  { href: '/team', text: 'Team', permission: 'caseload.view_team' },
  { href: '/reports/drift', text: 'Drift report', permission: 'caseload.drift' },
  { href: '/mash', text: 'MASH', permission: 'mash.work', show: worksInMashHub },
  {
    href: '/information-requests',
    text: 'Information requests',
    permission: 'mash.answer',
    show: (a) => !worksInMashHub(a),
  },
  { href: '/mash/dashboard', text: 'MASH dashboard', permission: 'mash.dashboard' },
  { href: '/referrals', text: 'Referrals', permission: 'referral.make' },
  {
    href: '/early-help',
    text: 'Early help',
    show: (a) => can(a.roles, 'early_help.lead') || can(a.roles, 'early_help.service'),
  },
  // The practitioners' survey beside a section 11 round (agency leads find it in the partnership's pages).
  {
    href: '/partnership/section-11/survey',
    text: 'Safeguarding survey',
    permission: 'training.book',
    show: (a) => !can(a.roles, 'assurance.read'),
  },
  { href: '/audit/break-glass', text: 'Break-glass reviews', permission: 'breakglass.review' },
  {
    href: '/casework/settings',
    text: 'Casework settings',
    permission: 'casework.settings',
    // A team manager finds it on their team's page; the principal social worker here.
    show: (a) => !can(a.roles, 'caseload.view_team'),
  },
  { href: '/partnership', text: 'Partnership', permission: 'assurance.read' },
  {
    href: '/training',
    text: 'Training',
    // Those who book training, and the partnership's readers (the business manager runs it).
    show: (a) => can(a.roles, 'training.book') || can(a.roles, 'assurance.read'),
  },
  {
    href: '/escalations',
    text: 'Escalations',
    show: (a) => can(a.roles, 'escalation.raise') || can(a.roles, 'assurance.read'),
  },
  { href: '/returns', text: 'Returns', permission: 'returns.produce' },
  { href: '/admin', text: 'Administration', permission: 'admin.manage' },
];

export function navigationFor(actor: Actor | undefined, currentPath: string) {
  if (!actor) return [];
  const shown = ITEMS.filter(
    (i) => (!i.permission || can(actor.roles, i.permission)) && (!i.show || i.show(actor)),
  );
  return shown.map((i) => ({
    href: i.href,
    text: i.text,
    active: i.href === '/' ? currentPath === '/' : currentPath.startsWith(i.href),
  }));
}
