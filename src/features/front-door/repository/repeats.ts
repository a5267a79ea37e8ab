/**
 * The one rule of a repeat contact, as SQL (the contact page's tag and the dashboard both use it).
 * As the children in need census counts re-referrals: a contact is a repeat when a child on it had
 * an earlier contact, or a referral, received in the 12 months before it. The window is whole London
 * days: from the same calendar date a year before (29 February: 28 February, as PostgreSQL's
 * date arithmetic gives it) up to the moment this one arrived.
 */

/** The London calendar date of a timestamp column. */
const londonDay = (ts: string) => `(${ts} at time zone 'Europe/London')::date`;

/** The first London day of the window before contact `c` (its received_at). */
export const windowStart = (c: string) => `(${londonDay(`${c}.received_at`)} - interval '12 months')::date`;

/** Whether the earlier contact `e` falls in the 12 months before contact `c`. */
export const contactInWindow = (e: string, c: string) =>
  `${e}.received_at < ${c}.received_at and ${londonDay(`${e}.received_at`)} >= ${windowStart(c)}`;

/** Whether contact `c` is a repeat: an earlier contact or referral of one of its children in the window. */
export const isRepeat = (c: string) => `(
  exists (select 1 from contact_person rcp join person rp on rp.id = rcp.person_id and rp.kind = 'child'
            join contact_person recp on recp.person_id = rcp.person_id and recp.contact_id <> rcp.contact_id
            join contact re on re.id = recp.contact_id
          where rcp.contact_id = ${c}.id and re.partnership_id = ${c}.partnership_id
            and ${contactInWindow('re', c)})
  or exists (select 1 from contact_person rcp join referral rr on rr.person_id = rcp.person_id
          where rcp.contact_id = ${c}.id and rr.partnership_id = ${c}.partnership_id and rr.contact_id <> ${c}.id
            and ${contactInWindow('rr', c)}))`;
