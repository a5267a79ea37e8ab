// Agency leads made straight in the database, and the dates a challenge form takes, for tests.
import crypto from 'node:crypto';
import { sha256 } from '../../platform/auth/sessions.ts';
import type { TestDb } from '../../../test/helpers/app.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { addWorkingDays } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';

/** An agency safeguarding lead of the demo agency `agency` ('police', 'council', 'hospital'). */
export function makeLead({ db, org }: TestDb, agency: string, name: string): Promise<string> {
  return insertedId(
    db,
    `insert into app_user (partnership_id, agency_id, email, display_name, roles)
     values ($1,$2,$3,$4,'{agency_lead}') returning id`,
    [
      org.partnershipId,
      org.agencies[agency],
      `${name.toLowerCase().replace(/\W+/g, '.')}@lead.example`,
      name,
    ],
  );
}

/** A working day `n` working days from today, as ISO and as a GOV.UK date input's three parts. */
export function workingDayAhead(n: number, name = 'dueOn') {
  const iso = addWorkingDays(londonToday(), n);
  const [y, m, d] = iso.split('-');
  return {
    iso,
    form: { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! },
  };
}

/** The next Saturday after today, as a GOV.UK date input. */
export function nextSaturday(name = 'dueOn') {
  const d = new Date(`${londonToday()}T12:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() !== 6);
  return {
    [`${name}-day`]: String(d.getUTCDate()),
    [`${name}-month`]: String(d.getUTCMonth() + 1),
    [`${name}-year`]: String(d.getUTCFullYear()),
  };
}

/** An API bearer token for any user (apiToken takes demo users by key). */
export async function tokenFor({ db, org }: TestDb, userId: string): Promise<string> {
  const token = crypto.randomBytes(24).toString('hex');
  await db.query(
    `insert into api_token (partnership_id, user_id, name, token_hash) values ($1,$2,'test',$3)`,
    [org.partnershipId, userId, sha256(token)],
  );
  return token;
}
