/**
 * Pages whose address carries a record's id (`/partnership/case-audits/:id`): the permission tests
 * open them with a record made here, one entry per page pattern.
 */
import type { TestApp } from './app.ts';
import { insertPerson } from './people.ts';
import { insertedId } from './rows.ts';

type Maker = (t: TestApp) => Promise<Record<string, string>>;

const MAKERS: Maker[] = [
  // An action in the partnership's action log.
  async (t) => {
    const action = await insertedId(
      t.db,
      `insert into partnership_action (partnership_id, source_kind, source_id, source_label, source_href, title,
         owner_agency_id, due_on) values ($1,'partnership','example','Agreed by the partnership',
         '/partnership/actions','Example action',$2,'2030-01-31') returning id`,
      [t.org.partnershipId, t.org.agencies.council],
    );
    return { '/partnership/actions/:id': `/partnership/actions/${action}` };
  },
  // A case audit with one sampled child.
  async (t) => {
    const pid = t.org.partnershipId;
    const audit = await insertedId(
      t.db,
      `insert into case_audit (partnership_id, title, theme, starts_on, ends_on, sample_method, sample_size, seed)
       values ($1,'Example audit','neglect','2026-01-05','2026-02-05','random',1,'example') returning id`,
      [pid],
    );
    await t.db.query(
      `insert into case_audit_agency (partnership_id, case_audit_id, agency_id) values ($1,$2,$3)`,
      [pid, audit, t.org.agencies.council],
    );
    const child = await insertPerson(t, { family: 'Example', dob: '2018-01-01' });
    const ref = await insertedId(
      t.db,
      `insert into case_audit_child (partnership_id, case_audit_id, person_id, position) values ($1,$2,$3,1) returning id`,
      [pid, audit, child],
    );
    return {
      '/partnership/case-audits/:id': `/partnership/case-audits/${audit}`,
      '/partnership/case-audits/:id/children/:childRef': `/partnership/case-audits/${audit}/children/${ref}`,
    };
  },
  // A MASH early help decision waiting for the early help service.
  async (t) => {
    const pid = t.org.partnershipId;
    const child = await insertPerson(t, { family: 'Example', dob: '2019-01-01' });
    const contact = await insertedId(
      t.db,
      `insert into contact (partnership_id, status, decision, decided_at) values ($1,'decided','early_help',now()) returning id`,
      [pid],
    );
    const request = await insertedId(
      t.db,
      `insert into early_help_request (partnership_id, contact_id, person_id) values ($1,$2,$3) returning id`,
      [pid, contact, child],
    );
    return { '/early-help/requests/:id': `/early-help/requests/${request}` };
  },
  // A dataset area (a name, not an id) and a drafted yearly report (the year is its address).
  async (t) => {
    await t.db.query(
      `insert into yearly_report (partnership_id, year, priorities) values ($1, 2030, 'Example')`,
      [t.org.partnershipId],
    );
    return {
      '/partnership/dataset/:area': '/partnership/dataset/front-door',
      '/partnership/yearly-reports/:year': '/partnership/yearly-reports/2030',
      '/partnership/yearly-reports/:year/report.pdf': '/partnership/yearly-reports/2030/report.pdf',
      '/partnership/yearly-reports/:year/edit': '/partnership/yearly-reports/2030/edit',
    };
  },
];

/** Each page pattern with an id in it, and the address of a page made for it. */
export async function exampleUrls(t: TestApp): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const make of MAKERS) for (const [k, v] of Object.entries(await make(t))) out.set(k, v);
  return out;
}
