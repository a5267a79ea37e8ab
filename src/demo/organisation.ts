import { maybeOne, type Db } from '../db/index.ts';
import type { Role } from '../platform/access/roles.ts';
import { DEMO_PASSWORD, hashPassword } from '../platform/auth/passwords.ts';
import type { Actor } from '../platform/access/actor.ts';

/** Everything here is fictional: Elmshire is no real place and its people are made up. */
export const DEMO_PARTNERSHIP = 'Elmshire Safeguarding Children Partnership';
// Published with the demo; the platform refuses it as a real password.
export { DEMO_PASSWORD };

type AgencyKind =
  | 'local_authority'
  | 'police'
  | 'health_commissioner'
  | 'health_provider'
  | 'school'
  | 'early_years'
  | 'probation'
  | 'youth_justice'
  | 'housing'
  | 'voluntary'
  | 'other';

export const DEMO_AGENCIES: {
  key: string;
  name: string;
  kind: AgencyKind;
  statutory?: boolean;
  teams: string[];
}[] = [
  {
    key: 'council',
    name: 'Elmshire County Council',
    kind: 'local_authority',
    statutory: true,
    teams: [
      'MASH',
      'Assessment Team North',
      'Assessment Team South',
      'Child Protection Team',
      'Early Help Hub',
      'Partnership Business Unit',
      'Information Governance',
      'ICT Service',
    ],
  },
  {
    key: 'police',
    name: 'Elmshire Constabulary',
    kind: 'police',
    statutory: true,
    teams: ['MASH Police Desk', 'Public Protection Unit'],
  },
  {
    key: 'icb',
    name: 'NHS Elmshire Integrated Care Board',
    kind: 'health_commissioner',
    statutory: true,
    teams: ['Designated Safeguarding Professionals', 'MASH Health Desk'],
  },
  {
    key: 'hospital',
    name: 'Elmshire Hospitals NHS Foundation Trust',
    kind: 'health_provider',
    teams: ['Emergency Department', 'Safeguarding Team'],
  },
  {
    key: 'community',
    name: 'Elmshire Community Health NHS Trust',
    kind: 'health_provider',
    teams: ['Health Visiting', 'School Nursing'],
  },
  { key: 'gp', name: 'Millbrook Medical Practice', kind: 'health_provider', teams: ['Practice'] },
  { key: 'school1', name: 'Kingsmead Primary School', kind: 'school', teams: ['Safeguarding'] },
  { key: 'school2', name: 'Elm Valley Academy', kind: 'school', teams: ['Safeguarding'] },
  { key: 'school3', name: 'St Aldhelm’s C of E Primary School', kind: 'school', teams: ['Safeguarding'] },
  { key: 'nursery', name: 'Little Acorns Day Nursery', kind: 'early_years', teams: ['Staff'] },
  {
    key: 'probation',
    name: 'Probation Service – Elmshire',
    kind: 'probation',
    teams: ['Offender Management'],
  },
  { key: 'yjs', name: 'Elmshire Youth Justice Service', kind: 'youth_justice', teams: ['Case Management'] },
  { key: 'housing', name: 'Elmshire Homes', kind: 'housing', teams: ['Tenancy Support'] },
  { key: 'voluntary', name: 'Elmshire Family Support Trust', kind: 'voluntary', teams: ['Family Workers'] },
];

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  agency: string;
  team: string;
  roles: Role[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    key: 'mash',
    email: 'mash.officer@together.example',
    name: 'Priya Shah',
    agency: 'council',
    team: 'MASH',
    roles: ['mash_officer'],
  },
  {
    key: 'mashmgr',
    email: 'mash.manager@together.example',
    name: 'Daniel Okafor',
    agency: 'council',
    team: 'MASH',
    roles: ['mash_manager'],
  },
  {
    key: 'sw',
    email: 'social.worker@together.example',
    name: 'Hannah Price',
    agency: 'council',
    team: 'Assessment Team North',
    roles: ['social_worker'],
  },
  {
    key: 'sw2',
    email: 'social.worker2@together.example',
    name: 'Tom Ellery',
    agency: 'council',
    team: 'Child Protection Team',
    roles: ['social_worker'],
  },
  {
    key: 'tm',
    email: 'team.manager@together.example',
    name: 'Grace Mensah',
    agency: 'council',
    team: 'Assessment Team North',
    roles: ['team_manager'],
  },
  {
    key: 'teacher',
    email: 'dsl@kingsmead.example',
    name: 'Rachel Turner',
    agency: 'school1',
    team: 'Safeguarding',
    roles: ['referrer', 'partner_practitioner'],
  },
  {
    key: 'gp',
    email: 'gp@millbrook.example',
    name: 'Dr Sam Patel',
    agency: 'gp',
    team: 'Practice',
    roles: ['referrer', 'partner_practitioner'],
  },
  {
    key: 'hv',
    email: 'health.visitor@elmhealth.example',
    name: 'Joanne Fry',
    agency: 'community',
    team: 'Health Visiting',
    roles: ['partner_practitioner', 'referrer'],
  },
  {
    key: 'police',
    email: 'mash.police@elmpolice.example',
    name: 'DC Lee Harding',
    agency: 'police',
    team: 'MASH Police Desk',
    roles: ['mash_officer'],
  },
  {
    key: 'health',
    email: 'mash.health@elmicb.example',
    name: 'Nadia Rahman',
    agency: 'icb',
    team: 'MASH Health Desk',
    roles: ['mash_officer'],
  },
  {
    key: 'probation',
    email: 'probation@elmprobation.example',
    name: 'Chris Nolan',
    agency: 'probation',
    team: 'Offender Management',
    roles: ['partner_practitioner', 'referrer'],
  },
  {
    key: 'ehl',
    email: 'early.help@together.example',
    name: 'Amira Haddad',
    agency: 'council',
    team: 'Early Help Hub',
    roles: ['early_help_lead'],
  },
  {
    key: 'public',
    email: 'referrer@together.example',
    name: 'Pat Morgan',
    agency: 'voluntary',
    team: 'Family Workers',
    roles: ['referrer'],
  },
  {
    key: 'bm',
    email: 'business.manager@together.example',
    name: 'Helen Wright',
    agency: 'council',
    team: 'Partnership Business Unit',
    roles: ['business_manager'],
  },
  // Each speaks for their agency in the partnership: the three statutory partners and a school.
  {
    key: 'leadcouncil',
    email: 'lead.council@together.example',
    name: 'Sarah Whitfield',
    agency: 'council',
    team: 'Partnership Business Unit',
    roles: ['agency_lead'],
  },
  {
    key: 'leadpolice',
    email: 'lead.police@together.example',
    name: 'Det Supt Mark Ellison',
    agency: 'police',
    team: 'Public Protection Unit',
    roles: ['agency_lead'],
  },
  {
    key: 'leadicb',
    email: 'lead.icb@together.example',
    name: 'Dr Anita Rao',
    agency: 'icb',
    team: 'Designated Safeguarding Professionals',
    roles: ['agency_lead'],
  },
  {
    key: 'leadschool',
    email: 'lead.school@together.example',
    name: 'Claire Donovan',
    agency: 'school1',
    team: 'Safeguarding',
    roles: ['agency_lead'],
  },
  {
    key: 'scrutineer',
    email: 'scrutineer@together.example',
    name: 'Prof. Alan Reeves',
    agency: 'council',
    team: 'Partnership Business Unit',
    roles: ['scrutineer'],
  },
  {
    key: 'dpo',
    email: 'dpo@together.example',
    name: 'Margaret Cole',
    agency: 'council',
    team: 'Information Governance',
    roles: ['dpo'],
  },
  {
    key: 'admin',
    email: 'admin@together.example',
    name: 'Ian Brooks',
    agency: 'council',
    team: 'ICT Service',
    roles: ['sysadmin'],
  },
  // A second administrator: giving a role that reads child data needs two.
  {
    key: 'admin2',
    email: 'admin2@together.example',
    name: 'Ruth Adeyemi',
    agency: 'council',
    team: 'ICT Service',
    roles: ['sysadmin'],
  },
];

export interface DemoOrganisation {
  partnershipId: string;
  agencies: Record<string, string>;
  teams: Record<string, string>;
  users: Record<string, string>;
}

/** Creates the partnership, its agencies and teams and one demo user for every role. */
export async function seedOrganisation(db: Db, password = DEMO_PASSWORD): Promise<DemoOrganisation> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const p = await maybeOne<{ id: string }>(tx, 'insert into partnership (name) values ($1) returning id', [
      DEMO_PARTNERSHIP,
    ]);
    const partnershipId = p!.id;
    const agencies: Record<string, string> = {};
    const teams: Record<string, string> = {};
    for (const a of DEMO_AGENCIES) {
      const row = await maybeOne<{ id: string }>(
        tx,
        'insert into agency (partnership_id, name, kind, statutory_partner) values ($1,$2,$3,$4) returning id',
        [partnershipId, a.name, a.kind, a.statutory ?? false],
      );
      agencies[a.key] = row!.id;
      for (const t of a.teams) {
        const team = await maybeOne<{ id: string }>(
          tx,
          'insert into team (partnership_id, agency_id, name, is_mash) values ($1,$2,$3,$4) returning id',
          [partnershipId, row!.id, t, /MASH/.test(t)],
        );
        teams[`${a.key}:${t}`] = team!.id;
      }
    }
    const users: Record<string, string> = {};
    for (const u of DEMO_USERS) {
      const row = await maybeOne<{ id: string }>(
        tx,
        `insert into app_user (partnership_id, agency_id, team_id, email, display_name, roles, password_hash, is_demo)
         values ($1,$2,$3,$4,$5,$6,$7,true) returning id`,
        [
          partnershipId,
          agencies[u.agency],
          teams[`${u.agency}:${u.team}`],
          u.email,
          u.name,
          u.roles,
          passwordHash,
        ],
      );
      users[u.key] = row!.id;
    }
    return { partnershipId, agencies, teams, users };
  });
}

/** A demo user as the actor of a service call (seeding, tests), without signing in. */
export function demoActor(org: DemoOrganisation, key: string): Actor {
  const u = DEMO_USERS.find((x) => x.key === key);
  const a = DEMO_AGENCIES.find((x) => x.key === u?.agency);
  if (!u || !a) throw new Error(`no demo user ${key}`);
  return {
    userId: org.users[key]!,
    partnershipId: org.partnershipId,
    name: u.name,
    email: u.email,
    agencyId: org.agencies[u.agency]!,
    agencyName: a.name,
    agencyKind: a.kind,
    teamId: org.teams[`${u.agency}:${u.team}`] ?? null,
    roles: u.roles,
    via: 'web',
  };
}
