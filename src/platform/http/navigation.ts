import type { Actor } from '../access/actor.ts';
import { can, type Permission } from '../access/roles.ts';

interface NavItem {
  href: string;
  text: string;
  permission?: Permission;
}

/** The service navigation, in one place; an item shows when the user's roles allow it. */
const ITEMS: NavItem[] = [
  { href: '/', text: 'Home' },
  { href: '/people', text: 'People', permission: 'person.search' },
  { href: '/audit/break-glass', text: 'Break-glass reviews', permission: 'breakglass.review' },
  { href: '/admin', text: 'Administration', permission: 'admin.manage' },
];

export function navigationFor(actor: Actor | undefined, currentPath: string) {
  if (!actor) return [];
  return ITEMS.filter((i) => !i.permission || can(actor.roles, i.permission)).map((i) => ({
    href: i.href,
    text: i.text,
    active: i.href === '/' ? currentPath === '/' : currentPath.startsWith(i.href),
  }));
}
