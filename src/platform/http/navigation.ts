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
  { href: '/audit/break-glass', text: 'Break-glass reviews', permission: 'breakglass.review' },
  {
    href: '/casework/settings',
    text: 'Casework settings',
    permission: 'casework.settings',
    // A team manager finds it on their team's page; the principal social worker here.
    show: (a) => !can(a.roles, 'caseload.view_team'),
  },
  { href: '/partnership', text: 'Partnership', permission: 'assurance.read' },
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
