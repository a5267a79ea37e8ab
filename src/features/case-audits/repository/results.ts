/** The results' queries: grades across audits, by audit and theme, and by agency. */
import type { Db } from '../../../db/index.ts';

/** Moderated grades per audit (one row per audit and grade). */
export function moderatedGrades(db: Db, partnershipId: string) {
  return db.query<{
    auditId: string;
    title: string;
    theme: string;
    startsOn: string;
    grade: string;
    n: number;
  }>(
    `select a.id as "auditId", a.title, a.theme, a.starts_on as "startsOn", c.moderated_grade as grade,
       count(*)::int as n
     from case_audit a join case_audit_child c on c.case_audit_id = a.id
     where a.partnership_id = $1 and c.moderated_grade is not null
     group by a.id, a.title, a.theme, a.starts_on, c.moderated_grade order by a.starts_on, a.title`,
    [partnershipId],
  );
}

/** Agencies' own overall grades per audit (one row per audit, agency and grade). */
export function agencyGrades(db: Db, partnershipId: string) {
  return db.query<{ auditId: string; startsOn: string; agencyName: string; grade: string; n: number }>(
    `select a.id as "auditId", a.starts_on as "startsOn", g.name as "agencyName", x.overall_grade as grade,
       count(*)::int as n
     from case_audit a join case_audit_answer x on x.case_audit_id = a.id join agency g on g.id = x.agency_id
     where a.partnership_id = $1
     group by a.id, a.starts_on, g.name, x.overall_grade order by a.starts_on, g.name`,
    [partnershipId],
  );
}
