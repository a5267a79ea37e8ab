import type { Db } from '../db/index.ts';
import { Rows } from './bulk.ts';

/** The rows the demo seed writes, in the order foreign keys need. */
export function demoTables() {
  const p = { partnership_id: 'uuid' } as const;
  return {
    app_user: new Rows(
      'app_user',
      {
        id: 'uuid',
        ...p,
        agency_id: 'uuid',
        team_id: 'uuid',
        email: 'text',
        display_name: 'text',
        _roles: 'text',
        is_demo: 'boolean',
      },
      { roles: "string_to_array(_roles, ',')" },
    ),
    person: new Rows('person', {
      id: 'uuid',
      ...p,
      kind: 'text',
      unborn: 'boolean',
      expected_date: 'date',
      given_name: 'text',
      family_name: 'text',
      date_of_birth: 'date',
      sex: 'text',
      ethnicity: 'text',
      nhs_number: 'text',
      upn: 'text',
      council_id: 'text',
      restricted: 'boolean',
    }),
    person_name: new Rows(
      'person_name',
      {
        ...p,
        person_id: 'uuid',
        kind: 'text',
        given_name: 'text',
        family_name: 'text',
        given_norm: 'text',
        family_norm: 'text',
      },
      { given_key: 'dmetaphone(given_norm)', family_key: 'dmetaphone(family_norm)' },
    ),
    address: new Rows('address', {
      ...p,
      person_id: 'uuid',
      line1: 'text',
      line2: 'text',
      town: 'text',
      postcode: 'text',
      postcode_norm: 'text',
      from_date: 'date',
      to_date: 'date',
    }),
    relationship: new Rows('relationship', {
      ...p,
      person_id: 'uuid',
      related_person_id: 'uuid',
      kind: 'text',
      from_date: 'date',
      to_date: 'date',
    }),
    household: new Rows('household', { id: 'uuid', ...p, label: 'text' }),
    household_member: new Rows('household_member', {
      ...p,
      household_id: 'uuid',
      person_id: 'uuid',
      from_date: 'date',
      to_date: 'date',
    }),
    involvement: new Rows('involvement', {
      ...p,
      person_id: 'uuid',
      agency_id: 'uuid',
      team_id: 'uuid',
      role: 'text',
      started_on: 'date',
      ended_on: 'date',
    }),
    allocation: new Rows('allocation', {
      ...p,
      person_id: 'uuid',
      user_id: 'uuid',
      team_id: 'uuid',
      started_at: 'timestamptz',
    }),
    contact: new Rows('contact', {
      id: 'uuid',
      ...p,
      status: 'text',
      received_at: 'timestamptz',
      reference: 'text',
      source_agency_id: 'uuid',
      concern: 'text',
      decision_due: 'date',
      decision: 'text',
      decision_rationale: 'text',
      decided_at: 'timestamptz',
      decided_by: 'uuid',
    }),
    contact_person: new Rows('contact_person', { contact_id: 'uuid', person_id: 'uuid', ...p }),
    restricted_access: new Rows('restricted_access', {
      ...p,
      person_id: 'uuid',
      user_id: 'uuid',
      granted_by: 'uuid',
    }),
    break_glass: new Rows('break_glass', {
      id: 'uuid',
      ...p,
      user_id: 'uuid',
      person_id: 'uuid',
      reason: 'text',
      started_at: 'timestamptz',
      expires_at: 'timestamptz',
      reviewed_by: 'uuid',
      reviewed_at: 'timestamptz',
      review_outcome: 'text',
      review_note: 'text',
    }),
    chronology_entry: new Rows('chronology_entry', {
      ...p,
      person_id: 'uuid',
      occurred_on: 'date',
      recorded_at: 'timestamptz',
      recorded_by: 'uuid',
      source_agency_id: 'uuid',
      category: 'text',
      significance: 'text',
      visibility: 'text',
      summary: 'text',
    }),
  };
}

export type DemoTables = ReturnType<typeof demoTables>;

export async function insertTables(db: Db, tables: DemoTables): Promise<void> {
  for (const rows of Object.values(tables)) await rows.insert(db);
}
