import type { Role } from './roles.ts';

/** Who is acting: a signed-in user or an API token's user, resolved once per request. */
export interface Actor {
  userId: string;
  partnershipId: string;
  name: string;
  email: string;
  agencyId: string;
  agencyName: string;
  agencyKind: string;
  teamId: string | null;
  roles: Role[];
  via: 'web' | 'api' | 'cli';
  ip?: string;
}
