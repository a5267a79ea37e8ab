/**
 * The demo's yearly report for 1 April 2025 to 31 March 2026: drafted by the business manager, every
 * section written, signed off so far by the council's lead (the police and the ICB still to sign).
 * Its figures and assurance come from the records when it is read. Runs inside the seed's transaction.
 */
import type { Db } from '../db/index.ts';
import type { DemoOrganisation } from './organisation.ts';

export const DEMO_REPORT_YEAR = 2025;

const NARRATIVE = {
  priorities: [
    'The partnership set three priorities for 2025 to 2026: neglect, children at risk of exploitation outside the home, and hearing the child in everything we do.',
    'On neglect, the partnership adopted one graded care profile across agencies and trained practitioners in using it. Decisions at the front door were made faster, and fewer children were referred again within a year.',
    'On exploitation, the police and the council met weekly about children missing from home, and schools shared attendance concerns on the day.',
  ].join('\n\n'),
  scrutiny: [
    'The independent scrutineer challenged the partners on the timeliness of initial child protection conferences and on how health professionals are invited to core groups.',
    'The partners answered each challenge by its due date. The scrutineer judged the answers on conferences accepted, and asked for further evidence on core groups, which the integrated care board gave in March.',
  ].join('\n\n'),
  learning: [
    'The partnership held two rapid reviews in the year. Both found that what one agency knew was not shared in time with the others.',
    'The learning was taken into the multi-agency training on information sharing, and into a case audit of neglect whose grades are shown in this report.',
  ].join('\n\n'),
  voice: [
    'Children told us they want to be seen on their own, to have one worker who stays, and to know what is written about them.',
    'The share of assessments, conferences and visits where the child’s own words are recorded is shown in this report, and the young people’s panel reviewed how the partnership answered what they said.',
  ].join('\n\n'),
  earlyHelp: [
    'Early help is offered by schools, health visitors and the family support trust. Families stepped down from children’s social care were offered a lead practitioner within ten working days.',
    'Early help records are not yet kept in Together, so this section draws on the council’s own returns; the partnership will report early help from Together’s records once they are held here.',
  ].join('\n\n'),
};

export async function seedYearlyReport(db: Db, org: DemoOrganisation): Promise<void> {
  const [report] = await db.query<{ id: string }>(
    `insert into yearly_report (partnership_id, year, priorities, scrutiny, learning, voice, early_help,
       created_by, updated_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$8) returning id`,
    [
      org.partnershipId,
      DEMO_REPORT_YEAR,
      NARRATIVE.priorities,
      NARRATIVE.scrutiny,
      NARRATIVE.learning,
      NARRATIVE.voice,
      NARRATIVE.earlyHelp,
      org.users.bm,
    ],
  );
  await db.query(
    `insert into yearly_report_signoff (partnership_id, report_id, agency_id, signed_by) values ($1,$2,$3,$4)`,
    [org.partnershipId, report!.id, org.agencies.council, org.users.leadcouncil],
  );
}
